package com.techcorp.auth.admin;

import com.techcorp.auth.client.ClientEntity;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.client.ClientRepository;
import com.techcorp.auth.client.SecretHasher;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.GrantTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;

/**
 * Creates the first administrator client from configuration (like Keycloak's bootstrap admin):
 * client credentials with scope {@code auth:admin}, its secret from the environment, never from
 * the repository. At every start it is made whole again: enabled, able to administer, and with
 * the environment's secret if that changed.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private final ClientRepository repository;
    private final ClientRegistry registry;
    private final SecretHasher hasher;
    private final AuthConfig config;

    public BootstrapAdmin(ClientRepository repository, ClientRegistry registry, SecretHasher hasher, AuthConfig config) {
        this.repository = repository;
        this.registry = registry;
        this.hasher = hasher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.bootstrapAdmin().clientSecret().isEmpty()) {
            return;
        }
        String clientId = config.bootstrapAdmin().clientId();
        String secret = config.bootstrapAdmin().clientSecret().get();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.findById(clientId)
                .flatMap(existing -> existing == null ? create(clientId, secret) : refresh(existing, secret))));
        registry.invalidate(clientId);
    }

    private Uni<Void> create(String clientId, String secret) {
        return hasher.hash(secret).flatMap(hash -> {
            ClientEntity e = new ClientEntity();
            e.clientId = clientId;
            e.name = "Bootstrap administrator";
            e.secretHash = hash;
            e.confidential = true;
            e.grantTypes = GrantTypes.CLIENT_CREDENTIALS;
            e.allowedScopes = AdminTokenFilter.ADMIN_SCOPE;
            e.defaultScopes = AdminTokenFilter.ADMIN_SCOPE;
            e.redirectUris = "";
            e.accessTokenLifetimeSeconds = 300;
            e.refreshTokenLifetimeSeconds = 0;
            e.enabled = true;
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            e.tokensNotBefore = e.createdAt;
            Log.infof("bootstrap admin client %s created", clientId);
            return repository.persist(e).replaceWithVoid();
        });
    }

    private Uni<Void> refresh(ClientEntity existing, String secret) {
        if (!existing.enabled || !canAdminister(existing)) {
            existing.enabled = true;
            existing.grantTypes = String.join(" ", union(existing.grantTypes, GrantTypes.CLIENT_CREDENTIALS));
            existing.allowedScopes = String.join(" ", union(existing.allowedScopes, AdminTokenFilter.ADMIN_SCOPE));
            existing.updatedAt = Instant.now();
            Log.warnf("bootstrap admin client %s: enabled and given client_credentials and %s again", existing.clientId,
                    AdminTokenFilter.ADMIN_SCOPE);
        }
        return hasher.verify(secret, existing.secretHash == null ? "" : existing.secretHash).flatMap(same -> {
            if (same) {
                return Uni.createFrom().voidItem();
            }
            return hasher.hash(secret).invoke(hash -> {
                existing.secretHash = hash;
                existing.updatedAt = Instant.now();
                existing.tokensNotBefore = existing.updatedAt;
                Log.infof("bootstrap admin client %s: secret replaced from configuration", existing.clientId);
            }).replaceWithVoid();
        });
    }

    /** Whether the registration can still obtain an administrator's token. */
    static boolean canAdminister(ClientEntity e) {
        return ClientEntity.split(e.grantTypes).contains(GrantTypes.CLIENT_CREDENTIALS)
                && ClientEntity.split(e.allowedScopes).contains(AdminTokenFilter.ADMIN_SCOPE);
    }

    private static java.util.Set<String> union(String spaceSeparated, String value) {
        java.util.Set<String> all = new java.util.TreeSet<>(ClientEntity.split(spaceSeparated));
        all.add(value);
        return all;
    }
}
