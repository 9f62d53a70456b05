package com.techcorp.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techcorp.auth.config.AuthConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Looks clients up by id. Registrations are cached in memory for {@code auth.clients.cache-ttl}
 * so a token request costs no database round trip; an admin change on this replica invalidates
 * at once, other replicas see it when their entry expires. Unknown ids are cached too, so a flood
 * of made-up ids does not reach PostgreSQL either.
 */
@ApplicationScoped
public class ClientRegistry {

    private final ClientRepository repository;
    private final Cache<String, Optional<Client>> cache;

    public ClientRegistry(ClientRepository repository, AuthConfig config) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.clients().cacheTtl())
                .maximumSize(10_000)
                .build();
    }

    public Uni<Optional<Client>> find(String clientId) {
        Optional<Client> cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> repository.findById(clientId))
                .map(entity -> Optional.ofNullable(entity).map(ClientEntity::toClient))
                .invoke(found -> cache.put(clientId, found));
    }

    public void invalidate(String clientId) {
        cache.invalidate(clientId);
    }
}
