package com.techcorp.auth.admin;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthErrorMapper;
import com.techcorp.oauth.jsonerrors.Bearer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
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
 * administrator's token revoked at /oauth/revoke stops working here at once). The token's client
 * must still be one that could obtain it: registered, enabled, allowed {@code auth:admin}, and with
 * the secret it had when the token was issued (read through the registry's short cache, dropped at
 * once on this replica by an admin change). Failures are RFC 6750 §3.1 challenges; Redis or
 * PostgreSQL unavailable is a 503 like everywhere else.
 */
public class AdminTokenFilter {

    static final String ADMIN_SCOPE = "auth:admin";
    private static final String INVALID = "the access token is invalid, expired or revoked";

    private final AccessTokenVerifier verifier;
    private final ScopePolicy scopes;
    private final Revocations revoked;
    private final ClientRegistry clients;

    /** Filters are built at static init; the beans, lazy client proxies, read their config at first use. */
    public AdminTokenFilter(AccessTokenVerifier verifier, ScopePolicy scopes, Revocations revoked, ClientRegistry clients) {
        this.verifier = verifier;
        this.scopes = scopes;
        this.revoked = revoked;
        this.clients = clients;
    }

    @ServerRequestFilter
    public Uni<Response> filter(ContainerRequestContext request, ResourceInfo resource) {
        AdminOnly required = resource.getResourceClass().getAnnotation(AdminOnly.class);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        String token = Bearer.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            // RFC 6750 §3.1: no credentials, no error code.
            return refuse(OAuthError.INVALID_TOKEN, false, "an access token is required");
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(token);
            // A token for another resource server is invalid here (401) before its scope is looked at.
            if (!claims.getAudience().containsAll(scopes.audiences(Set.of(required.value())))) {
                return invalid();
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            return invalid();
        }
        Object scope = claims.getClaimValue("scope");
        Set<String> held = scope instanceof String s ? ScopePolicy.parse(s) : Set.of();
        String granted = java.util.Arrays.stream(required.value()).filter(held::contains).findFirst().orElse(null);
        if (granted == null) {
            return refuse(OAuthError.INSUFFICIENT_SCOPE, true, "the access token lacks scope " + String.join(" or ", required.value()));
        }
        long issuedAt;
        try {
            issuedAt = claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue();
        } catch (MalformedClaimException e) {
            return invalid();
        }
        String clientId = claims.getClaimValue("client_id") instanceof String id ? id : "";
        return clients.find(clientId)
                .flatMap(client -> client.filter(c -> stillAllowed(c, granted, issuedAt)).isEmpty()
                        ? invalid()
                        : revoked.isRevoked(claims).map(isRevoked -> isRevoked ? challenge(OAuthError.INVALID_TOKEN, true, INVALID) : null));
    }

    /**
     * Whether the client could obtain this token now, and nothing has happened to it since it was
     * issued (secret rotated, disabled, a scope taken). Seconds, as iat is: a token of the change's
     * own second is cut off too; one issued after it names the next second (AccessTokenMinter).
     */
    private static boolean stillAllowed(Client client, String scope, long issuedAt) {
        return client.enabled() && client.allowedScopes().contains(scope)
                && issuedAt > client.tokensNotBefore().getEpochSecond();
    }

    private static Uni<Response> invalid() {
        return refuse(OAuthError.INVALID_TOKEN, true, INVALID);
    }

    private static Uni<Response> refuse(OAuthError error, boolean tokenSent, String description) {
        return Uni.createFrom().item(challenge(error, tokenSent, description));
    }

    private static Response challenge(OAuthError error, boolean tokenSent, String description) {
        return OAuthErrorMapper.bearer(error, tokenSent, description, error == OAuthError.INSUFFICIENT_SCOPE ? ADMIN_SCOPE : null);
    }
}
