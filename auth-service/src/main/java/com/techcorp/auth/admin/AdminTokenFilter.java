package com.techcorp.auth.admin;

import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.revocation.RevokedAccessTokens;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.auth.token.BearerChallenge;
import com.techcorp.auth.token.ErrorBody;
import com.techcorp.auth.token.OAuthError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.Set;

/**
 * Guards the admin API ({@link AdminOnly} resources) with the auth-service's own access tokens:
 * verified against the keys in memory (no JWKS fetch from itself), in the RFC 9068 profile,
 * audience {@code auth-service}, scope {@code auth:admin}, and not revoked (RFC 7009: an
 * administrator's token revoked at /oauth/revoke stops working here at once). Failures are RFC 6750
 * §3.1 challenges; Redis unavailable is a 503 like everywhere else.
 */
public class AdminTokenFilter {

    static final String ADMIN_SCOPE = "auth:admin";
    private static final String INVALID = "the access token is invalid, expired or revoked";

    private final AccessTokenVerifier verifier;
    private final ScopePolicy scopes;
    private final RevokedAccessTokens revoked;

    /** Filters are built at static init; the beans, lazy client proxies, read their config at first use. */
    public AdminTokenFilter(AccessTokenVerifier verifier, ScopePolicy scopes, RevokedAccessTokens revoked) {
        this.verifier = verifier;
        this.scopes = scopes;
        this.revoked = revoked;
    }

    @ServerRequestFilter
    public Uni<Response> filter(ContainerRequestContext request, ResourceInfo resource) {
        if (!resource.getResourceClass().isAnnotationPresent(AdminOnly.class)) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // RFC 6750 §3.1: no credentials, no error code.
            return refuse(OAuthError.INVALID_TOKEN, false, "an access token is required");
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(authorization.substring(7).trim());
            if (!claims.getAudience().containsAll(scopes.audiences(Set.of(ADMIN_SCOPE)))) {
                return invalid();
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            return invalid();
        }
        Object scope = claims.getClaimValue("scope");
        if (!(scope instanceof String s) || !ScopePolicy.parse(s).contains(ADMIN_SCOPE)) {
            return refuse(OAuthError.INSUFFICIENT_SCOPE, true, "the access token lacks scope " + ADMIN_SCOPE);
        }
        String jti;
        try {
            jti = claims.getJwtId();
        } catch (MalformedClaimException e) {
            return invalid();
        }
        return revoked.isRevoked(jti).map(isRevoked -> isRevoked ? challenge(OAuthError.INVALID_TOKEN, true, INVALID) : null);
    }

    private static Uni<Response> invalid() {
        return refuse(OAuthError.INVALID_TOKEN, true, INVALID);
    }

    private static Uni<Response> refuse(OAuthError error, boolean tokenSent, String description) {
        return Uni.createFrom().item(challenge(error, tokenSent, description));
    }

    /** @param tokenSent false: the challenge stays bare, as RFC 6750 §3.1 asks when no token came */
    private static Response challenge(OAuthError error, boolean tokenSent, String description) {
        String scope = error == OAuthError.INSUFFICIENT_SCOPE ? ADMIN_SCOPE : null;
        return Response.status(error.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.of(tokenSent ? error : null, description, scope))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error.code(), description))
                .build();
    }
}
