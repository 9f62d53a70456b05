package com.techcorp.auth.admin;

import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.auth.token.BearerChallenge;
import com.techcorp.auth.token.ErrorBody;
import com.techcorp.auth.token.OAuthError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.List;
import java.util.Set;


/**
 * Guards the admin API with the auth-service's own access tokens: verified against the keys in
 * memory (no JWKS fetch from itself), in the RFC 9068 profile, audience {@code auth-service},
 * scope {@code auth:admin}. Failures are RFC 6750 §3.1 challenges.
 */
@Provider
@AdminOnly
public class AdminTokenFilter implements ContainerRequestFilter {

    static final String ADMIN_SCOPE = "auth:admin";

    private final AccessTokenVerifier verifier;
    private final ScopePolicy scopes;

    /** Filters are built at static init; the beans, lazy client proxies, read their config at first use. */
    public AdminTokenFilter(AccessTokenVerifier verifier, ScopePolicy scopes) {
        this.verifier = verifier;
        this.scopes = scopes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // RFC 6750 §3.1: no credentials, no error code.
            request.abortWith(challenge(OAuthError.INVALID_TOKEN, false, "an access token is required"));
            return;
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(authorization.substring(7).trim());
            if (!claims.getAudience().containsAll(scopes.audiences(Set.of(ADMIN_SCOPE)))) {
                throw new InvalidJwtException("not for this audience", List.of(), null);
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            request.abortWith(challenge(OAuthError.INVALID_TOKEN, true, "the access token is invalid or expired"));
            return;
        }
        Object scope = claims.getClaimValue("scope");
        if (!(scope instanceof String s) || !ScopePolicy.parse(s).contains(ADMIN_SCOPE)) {
            request.abortWith(challenge(OAuthError.INSUFFICIENT_SCOPE, true, "the access token lacks scope " + ADMIN_SCOPE));
        }
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
