package com.techcorp.auth.admin;

import com.techcorp.auth.client.ClientEntity;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.oauth.jsonerrors.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a client registration may say (RFC 7591 §2, §3.2.2: every refusal invalid_client_metadata):
 * grants this build serves, known scopes, exact redirect URIs, bounded lifetimes and text that
 * PostgreSQL and a page can hold; and that the bootstrap administrator stays one.
 */
@ApplicationScoped
class ClientRegistrationRules {

    /** What a registration may hold: enough for any real client, little enough for a pending request to stay small. */
    private static final int MAX_REDIRECT_URIS = 20;
    private static final int MAX_REDIRECT_URI = 2000;

    private final ScopePolicy scopes;
    private final Set<String> grantTypes = new TreeSet<>();
    private final Set<String> publicForbiddenGrants = new TreeSet<>();
    private final AuthConfig config;
    private final String bootstrapAdminId;
    private final boolean bootstrapAdminConfigured;

    ClientRegistrationRules(ScopePolicy scopes, AuthConfig config, @Any Instance<GrantHandler> grants) {
        this.scopes = scopes;
        this.config = config;
        this.bootstrapAdminId = config.bootstrapAdmin().clientId();
        // Without a secret in the environment there is no bootstrap administrator to keep: it may be retired.
        this.bootstrapAdminConfigured = config.bootstrapAdmin().clientSecret().isPresent();
        grantTypes.addAll(GrantTypes.supported(grants));
        grants.forEach(g -> {
            if (!g.allowsPublicClients()) {
                publicForbiddenGrants.add(g.grantType());
            }
        });
    }

    /**
     * The bootstrap administrator is how an operator gets back in: no API call may lock it out
     * (disable it, or take client_credentials or auth:admin from it). Its secret may be rotated;
     * the next start sets it from the environment again.
     */
    void keepsBootstrapAdmin(ClientEntity e) {
        if (bootstrapAdminConfigured && e.clientId.equals(bootstrapAdminId) && (!e.enabled || !BootstrapAdmin.canAdminister(e))) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception(
                    "the bootstrap administrator cannot be disabled or lose client_credentials or " + AdminTokenFilter.ADMIN_SCOPE);
        }
    }

    /** Validates what the registration sets and copies it onto the entity. */
    void apply(ClientEntity e, ClientRegistration r) {
        if (r.name() != null) {
            if (!PlainText.is(r.name(), 200)) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("client_name must be at most 200 characters, without control characters");
            }
            e.name = r.name();
        }
        if (r.grantTypes() != null) {
            if (r.grantTypes().isEmpty() || r.grantTypes().contains(null) || !grantTypes.containsAll(r.grantTypes())) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("grant_types must be a non-empty subset of " + grantTypes);
            }
            e.grantTypes = String.join(" ", new TreeSet<>(r.grantTypes()));
        } else if (e.grantTypes == null) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("grant_types is required");
        }
        if (!e.confidential) {
            for (String grant : e.grantTypes.split(" ")) {
                if (publicForbiddenGrants.contains(grant)) {
                    throw OAuthError.INVALID_CLIENT_METADATA.exception("a public client cannot use " + grant);
                }
            }
        }
        if (r.scope() != null) {
            e.allowedScopes = knownScopes(r.scope(), "scope");
        }
        if (r.defaultScope() != null) {
            e.defaultScopes = knownScopes(r.defaultScope(), "default_scope");
        }
        if (e.allowedScopes == null) {
            e.allowedScopes = "";
        }
        if (e.defaultScopes == null) {
            e.defaultScopes = e.allowedScopes;
        }
        if (!ScopePolicy.parse(e.allowedScopes).containsAll(ScopePolicy.parse(e.defaultScopes))) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("default_scope must be within scope");
        }
        if (r.redirectUris() != null) {
            if (r.redirectUris().size() > MAX_REDIRECT_URIS) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("at most " + MAX_REDIRECT_URIS + " redirect_uris");
            }
            r.redirectUris().forEach(ClientRegistrationRules::checkRedirectUri);
            e.redirectUris = String.join(" ", r.redirectUris());
        } else if (e.redirectUris == null) {
            e.redirectUris = "";
        }
        if (r.postLogoutRedirectUris() != null) {
            if (r.postLogoutRedirectUris().size() > MAX_REDIRECT_URIS) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("at most " + MAX_REDIRECT_URIS + " post_logout_redirect_uris");
            }
            r.postLogoutRedirectUris().forEach(ClientRegistrationRules::checkRedirectUri);
            e.postLogoutRedirectUris = String.join(" ", r.postLogoutRedirectUris());
        }
        if (r.firstParty() != null) {
            e.firstParty = r.firstParty();
        }
        if (r.allowPlainPkce() != null) {
            e.pkcePlainAllowed = r.allowPlainPkce();
        }
        Set<String> registered = ClientEntity.split(e.grantTypes);
        boolean redirects = registered.contains(GrantTypes.AUTHORIZATION_CODE) || registered.contains(GrantTypes.IMPLICIT);
        if (redirects && e.redirectUris.isBlank()) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("authorization_code and implicit need at least one redirect_uri");
        }
        long maxLifetime = config.tokens().maxAccessTokenLifetime().toSeconds();
        if (r.accessTokenLifetime() != null) {
            if (r.accessTokenLifetime() < 1 || r.accessTokenLifetime() > maxLifetime) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("access_token_lifetime must be 1 to " + maxLifetime + " seconds");
            }
            e.accessTokenLifetimeSeconds = r.accessTokenLifetime();
        } else if (e.accessTokenLifetimeSeconds == 0) {
            e.accessTokenLifetimeSeconds = (int) config.tokens().defaultAccessTokenLifetime().toSeconds();
        }
        if (r.refreshTokenLifetime() != null) {
            if (r.refreshTokenLifetime() < 1 || r.refreshTokenLifetime() > 366 * 86400) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception("refresh_token_lifetime must be 1 second to 366 days");
            }
            e.refreshTokenLifetimeSeconds = r.refreshTokenLifetime();
        } else if (e.refreshTokenLifetimeSeconds == 0) {
            e.refreshTokenLifetimeSeconds = 30 * 86400;
        }
        e.updatedAt = Instant.now();
    }

    private String knownScopes(String value, String field) {
        Set<String> parsed = ScopePolicy.parse(value);
        for (String scope : parsed) {
            if (!scopes.isKnown(scope)) {
                throw OAuthError.INVALID_CLIENT_METADATA.exception(field + " names an unknown scope; known: " + scopes.known());
            }
        }
        return String.join(" ", parsed);
    }

    /** RFC 6749 §3.1.2: absolute, no fragment; plain http only for a loopback host (RFC 8252 §7.3). */
    private static void checkRedirectUri(String value) {
        if (value == null || !PlainText.is(value, MAX_REDIRECT_URI)) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("a redirect_uri must be at most " + MAX_REDIRECT_URI + " plain characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("a redirect_uri is not a URI");
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("a redirect_uri must be absolute https (http only for localhost) without a fragment");
        }
    }
}
