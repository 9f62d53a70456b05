package com.techcorp.auth.admin;

import com.techcorp.auth.securityevents.Revocations;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientEntity;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.client.ClientRepository;
import com.techcorp.auth.client.SecretHasher;
import com.techcorp.auth.error.OAuthError;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Registers and maintains clients; owns the transactions of the admin API. */
@ApplicationScoped
public class ClientAdminService {

    private final ClientRepository repository;
    private final ClientRegistry registry;
    private final SecretHasher hasher;
    private final ClientRegistrationRules rules;
    private final Revocations revocations;

    public ClientAdminService(ClientRepository repository, ClientRegistry registry, SecretHasher hasher, ClientRegistrationRules rules,
                              Revocations revocations) {
        this.revocations = revocations;
        this.repository = repository;
        this.registry = registry;
        this.hasher = hasher;
        this.rules = rules;
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
        e.tokensNotBefore = e.createdAt;
        rules.apply(e, r);
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
        boolean[] scopeTaken = {false};
        return existing(clientId).invoke(e -> {
                    Set<String> before = ClientEntity.split(e.allowedScopes);
                    rules.apply(e, r);
                    // A scope taken away stays away for the tokens that carried it, even if given back later.
                    if (!ClientEntity.split(e.allowedScopes).containsAll(before)) {
                        cutOff(e);
                        scopeTaken[0] = true;
                    }
                }).invoke(rules::keepsBootstrapAdmin).invoke(this::changed).call(e -> scopeTaken[0] ? announceCutoff(e) : Uni.createFrom().voidItem())
                .map(e -> ClientView.of(e, null));
    }

    /** A disabled client's tokens stay refused when it is enabled again: they predate the disabling. */
    @WithTransaction
    public Uni<ClientView> setEnabled(String clientId, boolean enabled) {
        return existing(clientId).invoke(e -> {
                    e.enabled = enabled;
                    if (!enabled) {
                        cutOff(e);
                    }
                }).invoke(rules::keepsBootstrapAdmin).invoke(this::changed)
                .call(e -> enabled ? Uni.createFrom().voidItem() : announceCutoff(e))
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
                    cutOff(e);
                }))
                .invoke(this::changed).call(this::announceCutoff)
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

    /** Every token the client holds now stops working, here and at every resource server. */
    @WithTransaction
    public Uni<ClientView> revokeTokens(String clientId) {
        return existing(clientId).invoke(this::cutOff)
                .invoke(this::changed).call(this::announceCutoff)
                .invoke(e -> Log.infof("client %s: tokens issued so far revoked", clientId))
                .map(e -> ClientView.of(e, null));
    }

    /**
     * Tells the resource servers that the client's tokens_not_before has moved. In the transaction:
     * if the event cannot be published, the change is not made either, and the caller gets the 503.
     */
    private Uni<Void> announceCutoff(ClientEntity e) {
        return revocations.client(e.clientId, e.tokensNotBefore);
    }

    /**
     * Moves the client's tokens_not_before to now: every token issued so far is cut off. iat has
     * whole seconds, and a token issued in the second of the previous cutoff names the next one
     * (AccessTokenMinter), so the new cutoff is at least that second.
     */
    private void cutOff(ClientEntity e) {
        Instant now = Instant.now();
        Instant afterPrevious = e.tokensNotBefore == null ? now : e.tokensNotBefore.plusSeconds(1);
        e.tokensNotBefore = now.isAfter(afterPrevious) ? now : afterPrevious;
    }

    private void changed(ClientEntity e) {
        e.updatedAt = Instant.now();
        registry.invalidate(e.clientId);
    }
}
