package com.techcorp.auth.admin;

import com.techcorp.auth.bearer.OwnAccessTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

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

    private final OwnAccessTokens tokens;

    /** Filters are built at static init; the beans, lazy client proxies, read their config at first use. */
    public AdminTokenFilter(OwnAccessTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter
    public Uni<Response> filter(ContainerRequestContext request, ResourceInfo resource) {
        AdminOnly required = resource.getResourceClass().getAnnotation(AdminOnly.class);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        return tokens.check(request.getHeaderString(HttpHeaders.AUTHORIZATION), required.value()).map(OwnAccessTokens.Checked::refusal);
    }
}
