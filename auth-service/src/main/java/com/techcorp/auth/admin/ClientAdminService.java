package com.techcorp.auth.admin;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientEntity;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.client.ClientRepository;
import com.techcorp.auth.client.SecretHasher;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.token.OAuthError;
import com.techcorp.oauth.jsonerrors.PlainText;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Registers and maintains clients; owns the transactions of the admin API. */
@ApplicationScoped
public class ClientAdminService {

    /** What a registration may hold: enough for any real client, little enough for a pending request to stay small. */
    private static final int MAX_REDIRECT_URIS = 20;
    private static final int MAX_REDIRECT_URI = 2000;

    private final ClientRepository repository;
    private final ClientRegistry registry;
    private final SecretHasher hasher;
    private final ScopePolicy scopes;
    private final Set<String> grantTypes = new TreeSet<>();
    private final Set<String> publicForbiddenGrants = new TreeSet<>();
    private final AuthConfig config;
    private final String bootstrapAdminId;

    public ClientAdminService(ClientRepository repository, ClientRegistry registry, SecretHasher hasher,
                              ScopePolicy scopes, AuthConfig config, @Any Instance<GrantHandler> grants) {
        this.repository = repository;
        this.registry = registry;
        this.hasher = hasher;
        this.scopes = scopes;
        this.config = config;
        this.bootstrapAdminId = config.bootstrapAdmin().clientId();
        grantTypes.addAll(GrantTypes.supported(grants));
        grants.forEach(g -> {
            if (!g.allowsPublicClients()) {
                publicForbiddenGrants.add(g.grantType());
            }
        });
    }

    @WithSession
    public Uni<List<ClientView>> list() {
        return repository.listAll(Sort.ascending("clientId"))
                .map(rows -> rows.stream().map(e -> ClientView.of(e, null)).toList());
    }

    @WithSession
    public Uni<ClientView> get(String clientId) {
        return existing(clientId).map(e -> ClientView.of(e, null));
    }

    /** Registers a client; a confidential one gets a generated secret, returned this once. */
    @WithTransaction
    public Uni<ClientView> create(ClientRegistration r) {
        if (r == null || r.clientId() == null || !Client.ID.matcher(r.clientId()).matches()) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("client_id must be 3 to 100 of A-Z a-z 0-9 . _ ~ -");
        }
        ClientEntity e = new ClientEntity();
        e.clientId = r.clientId();
        e.confidential = r.confidential() == null || r.confidential();
        e.enabled = true;
        e.createdAt = Instant.now();
        e.secretChangedAt = e.createdAt;
        apply(e, r);
        String secret = e.confidential ? SecretHasher.newSecret() : null;
        return repository.findById(e.clientId)
                .invoke(found -> {
                    if (found != null) {
                        throw OAuthError.CONFLICT.exception("a client with this client_id exists");
                    }
                })
                .replaceWith(secret == null ? Uni.createFrom().nullItem() : hasher.hash(secret))
                .flatMap(hash -> {
                    e.secretHash = hash;
                    return repository.persist(e);
                })
                .invoke(saved -> Log.infof("client %s registered", saved.clientId))
                .map(saved -> ClientView.of(saved, secret));
    }

    @WithTransaction
    public Uni<ClientView> update(String clientId, ClientRegistration r) {
        if (r == null) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("a registration body is required");
        }
        if (r.clientId() != null && !r.clientId().equals(clientId)) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("client_id cannot be changed");
        }
        if (r.confidential() != null) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception("confidential cannot be changed; register a new client");
        }
        return existing(clientId).invoke(e -> apply(e, r)).invoke(this::keepsBootstrapAdmin).invoke(this::changed)
                .map(e -> ClientView.of(e, null));
    }

    @WithTransaction
    public Uni<ClientView> setEnabled(String clientId, boolean enabled) {
        return existing(clientId).invoke(e -> e.enabled = enabled).invoke(this::keepsBootstrapAdmin).invoke(this::changed)
                .invoke(e -> Log.infof("client %s %s", clientId, enabled ? "enabled" : "disabled"))
                .map(e -> ClientView.of(e, null));
    }

    /** Replaces the secret at once: the old one stops working on this replica now, elsewhere within the cache TTL. */
    @WithTransaction
    public Uni<ClientView> rotateSecret(String clientId) {
        String secret = SecretHasher.newSecret();
        return existing(clientId)
                .invoke(e -> {
                    if (!e.confidential) {
                        throw OAuthError.INVALID_CLIENT_METADATA.exception("a public client has no secret");
                    }
                })
                .call(e -> hasher.hash(secret).invoke(hash -> {
                    e.secretHash = hash;
                    e.secretChangedAt = Instant.now();
                }))
                .invoke(this::changed)
                .invoke(e -> Log.infof("client %s secret rotated", clientId))
                .map(e -> ClientView.of(e, secret));
    }

    private Uni<ClientEntity> existing(String clientId) {
        if (clientId == null || !Client.ID.matcher(clientId).matches()) {
            // No client has such an id, and a NUL in it would be a database error, not a 404.
            throw OAuthError.NOT_FOUND.exception("no such client");
        }
        return repository.findById(clientId).map(e -> {
            if (e == null) {
                throw OAuthError.NOT_FOUND.exception("no such client");
            }
            return e;
        });
    }

    /**
     * The bootstrap administrator is how an operator gets back in: no API call may lock it out
     * (disable it, or take client_credentials or auth:admin from it). Its secret may be rotated;
     * the next start sets it from the environment again.
     */
    private void keepsBootstrapAdmin(ClientEntity e) {
        if (e.clientId.equals(bootstrapAdminId) && (!e.enabled || !BootstrapAdmin.canAdminister(e))) {
            throw OAuthError.INVALID_CLIENT_METADATA.exception(
                    "the bootstrap administrator cannot be disabled or lose client_credentials or " + AdminTokenFilter.ADMIN_SCOPE);
        }
    }

    private void changed(ClientEntity e) {
        e.updatedAt = Instant.now();
        registry.invalidate(e.clientId);
    }

    /** Validates what the registration sets and copies it onto the entity. */
    private void apply(ClientEntity e, ClientRegistration r) {
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
            r.redirectUris().forEach(ClientAdminService::checkRedirectUri);
            e.redirectUris = String.join(" ", r.redirectUris());
        } else if (e.redirectUris == null) {
            e.redirectUris = "";
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
