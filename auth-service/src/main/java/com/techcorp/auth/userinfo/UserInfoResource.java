package com.techcorp.auth.userinfo;

import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthErrorMapper;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.oauth.jsonerrors.Bearer;
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
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * OpenID Connect Core §5.3: who the access token's user is, for a client that holds an access token
 * of scope {@code openid} (its audience then includes this service). A resource-server endpoint:
 * the token is checked as every resource server checks it (signature, RFC 9068 type, expiry,
 * audience, not revoked), and failures are RFC 6750 challenges. A client's own token has no user:
 * it never gets scope openid.
 */
@Path("/oauth/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    private static final String INVALID = "the access token is invalid, expired or revoked";

    private final AccessTokenVerifier verifier;
    private final Revocations revoked;
    private final Set<String> audience;

    public UserInfoResource(AccessTokenVerifier verifier, Revocations revoked, ScopePolicy scopes) {
        this.verifier = verifier;
        this.revoked = revoked;
        this.audience = scopes.audiences(Set.of(ScopePolicy.OPENID));
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
        String token = Bearer.token(authorization);
        if (token == null) {
            return refuse(OAuthError.INVALID_TOKEN, false, "an access token is required");
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(token);
            if (audience.isEmpty() || !claims.getAudience().containsAll(audience)) {
                return refuse(OAuthError.INVALID_TOKEN, true, INVALID);
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            return refuse(OAuthError.INVALID_TOKEN, true, INVALID);
        }
        Set<String> scope = claims.getClaimValue("scope") instanceof String s ? ScopePolicy.parse(s) : Set.of();
        if (!scope.contains(ScopePolicy.OPENID)) {
            return refuse(OAuthError.INSUFFICIENT_SCOPE, true, "the access token lacks scope openid");
        }
        return revoked.isRevoked(claims).map(isRevoked -> isRevoked
                ? OAuthErrorMapper.bearer(OAuthError.INVALID_TOKEN, true, INVALID, null)
                : Response.ok(claimsOf(claims)).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
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

    private static Uni<Response> refuse(OAuthError error, boolean tokenSent, String description) {
        return Uni.createFrom().item(OAuthErrorMapper.bearer(error, tokenSent, description,
                error == OAuthError.INSUFFICIENT_SCOPE ? ScopePolicy.OPENID : null));
    }
}
