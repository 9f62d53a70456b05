package com.techcorp.auth.userinfo;

import com.techcorp.auth.bearer.OwnAccessTokens;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthErrorMapper;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.identity.SubjectStatus;
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
 * are RFC 6750 challenges. With scope profile it names the user as the identity-service knows them
 * now. A client's own token has no user: it never gets scope openid.
 */
@Path("/oauth/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    private final OwnAccessTokens tokens;
    private final IdentityClient identity;

    public UserInfoResource(OwnAccessTokens tokens, IdentityClient identity) {
        this.tokens = tokens;
        this.identity = identity;
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
        return tokens.check(authorization, ScopePolicy.OPENID).flatMap(checked -> {
            if (checked.refusal() != null) {
                return Uni.createFrom().item(checked.refusal());
            }
            JwtClaims claims = checked.claims();
            boolean profile = claims.getClaimValue("scope") instanceof String s && ScopePolicy.parse(s).contains(ScopePolicy.PROFILE);
            // With scope profile, who the user is now, from the identity-service (its last answer within a minute).
            Uni<SubjectStatus> now = profile ? identity.status(String.valueOf(claims.getClaimValue("sub"))) : Uni.createFrom().nullItem();
            return now.map(status -> status != null && !status.active()
                    ? OAuthErrorMapper.bearer(OAuthError.INVALID_TOKEN, true, "the user may no longer sign in", null)
                    : Response.ok(claimsOf(claims, status)).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        });
    }

    private static Map<String, Object> claimsOf(JwtClaims claims, SubjectStatus status) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sub", claims.getClaimValue("sub"));
        Object username = status != null && status.username() != null ? status.username() : claims.getClaimValue("preferred_username");
        if (username != null) {
            info.put("preferred_username", username);
        }
        if (status != null && status.name() != null) {
            info.put("name", status.name());
        }
        return info;
    }
}
