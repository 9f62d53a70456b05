package com.techcorp.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Looks clients up by id. A registration read from the database is fresh for
 * {@code auth.clients.cache-ttl}, so a token request costs no database round trip; an admin change
 * on this replica invalidates at once, other replicas see it when their entry is due. Unknown ids
 * are cached too, so a flood of made-up ids does not reach PostgreSQL either.
 *
 * <p>While PostgreSQL cannot be read, what was last read is served for up to
 * {@code auth.clients.last-known-good} (as the signing keys are served from memory): a known
 * client keeps getting tokens through a database restart. Past that bound, or for an id never
 * read, the request is a 503. Nothing is written while the database is away (the admin API fails
 * with 503), so what is served cannot be older than the bound says.
 */
@ApplicationScoped
public class ClientRegistry {

    private record Entry(Optional<Client> client, long readAtNanos) {
    }

    private final ClientRepository repository;
    private final long freshNanos;
    private final Cache<String, Entry> cache;

    public ClientRegistry(ClientRepository repository, AuthConfig config) {
        this.repository = repository;
        this.freshNanos = config.clients().cacheTtl().toNanos();
        Duration keep = config.clients().lastKnownGood().compareTo(config.clients().cacheTtl()) > 0
                ? config.clients().lastKnownGood() : config.clients().cacheTtl();
        this.cache = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(10_000).build();
    }

    public Uni<Optional<Client>> find(String clientId) {
        Entry known = cache.getIfPresent(clientId);
        if (known != null && System.nanoTime() - known.readAtNanos() < freshNanos) {
            return Uni.createFrom().item(known.client());
        }
        return Panache.withSession(() -> repository.findById(clientId))
                .map(entity -> Optional.ofNullable(entity).map(ClientEntity::toClient))
                .invoke(found -> cache.put(clientId, new Entry(found, System.nanoTime())))
                .onFailure(e -> known != null && Unavailable.is(e)).recoverWithItem(e -> {
                    Log.debugf("client registry: database unavailable (%s); serving what was read %d s ago", Unavailable.rootCause(e),
                            Duration.ofNanos(System.nanoTime() - known.readAtNanos()).toSeconds());
                    return known.client();
                });
    }

    public void invalidate(String clientId) {
        cache.invalidate(clientId);
    }
}
