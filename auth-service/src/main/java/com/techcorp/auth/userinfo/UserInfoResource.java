package com.techcorp.auth.userinfo;

import com.techcorp.auth.bearer.OwnAccessTokens;
import com.techcorp.auth.scope.ScopePolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenID Connect Core §5.3: who the access token's user is, for a client that holds an access token
 * of scope {@code openid} (its audience then includes this service). A resource-server endpoint:
 * the token is checked as the admin API checks it ({@link OwnAccessTokens}: signature, RFC 9068
 * type, expiry, audience, not revoked, its client still enabled and allowed openid), and failures
 * are RFC 6750 challenges. A client's own token has no user: it never gets scope openid.
 */
@Path("/oauth/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    private final OwnAccessTokens tokens;

    public UserInfoResource(OwnAccessTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    public Uni<Response> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    /** §5.3.1: the endpoint answers POST too; the token comes in the Authorization header either way. */
    @POST
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    private Uni<Response> userInfo(String authorization) {
        return tokens.check(authorization, ScopePolicy.OPENID).map(checked -> checked.refusal() != null ? checked.refusal()
                : Response.ok(claimsOf(checked.claims())).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    private static Map<String, Object> claimsOf(JwtClaims claims) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sub", claims.getClaimValue("sub"));
        Object username = claims.getClaimValue("preferred_username");
        if (username != null) {
            info.put("preferred_username", username);
        }
        return info;
    }
}
