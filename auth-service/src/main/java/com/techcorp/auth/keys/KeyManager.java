package com.techcorp.auth.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.error.OAuthError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, rotates, retires and loads the signing keys.
 *
 * <p>Every replica re-reads the keys every {@code auth.keys.sync-interval} and, under a PostgreSQL
 * advisory lock that exactly one replica gets, checks whether a rotation is due. A new key is
 * published at once but signs only after {@code auth.keys.prepublication}, so every resource
 * server has fetched it before it meets a token with its kid; a retired key stays published until
 * the last token it signed has expired ({@code auth.tokens.max-access-token-lifetime} plus skew).
 */
@ApplicationScoped
public class KeyManager {

    /** How long an operator's rotation or withdrawal waits for a scheduled check to let go of the lock. */
    private static final long OPERATOR_LOCK_WAIT_MILLIS = 2000;

    /** The outcome of a rotation: the successor key and when it starts to sign. */
    public record Rotation(@JsonProperty("kid") String kid, @JsonProperty("active_from") Instant activeFrom) {
    }

    /** The outcome of a withdrawal: the key, when it was withdrawn, and until when its tokens could live. */
    public record Withdrawal(@JsonProperty("kid") String kid, @JsonProperty("withdrawn_at") Instant withdrawnAt,
                             @JsonProperty("tokens_expired_by") Instant tokensExpiredBy) {
    }

    private final SigningKeyRepository repository;
    private final KeyWithdrawals withdrawals;
    private final KeyEncryption encryption;
    private final KeyRing ring;
    private final Vertx vertx;
    private final SigningAlgorithm algorithm;
    private final Duration rotationInterval;
    private final Duration prepublication;
    private final Duration retention;

    public KeyManager(SigningKeyRepository repository, KeyWithdrawals withdrawals, KeyEncryption encryption, KeyRing ring,
                      Vertx vertx, AuthConfig config) {
        this.repository = repository;
        this.withdrawals = withdrawals;
        this.encryption = encryption;
        this.ring = ring;
        this.vertx = vertx;
        this.algorithm = SigningAlgorithm.of(config.keys().algorithm());
        this.rotationInterval = config.keys().rotationInterval();
        this.prepublication = config.keys().prepublication();
        this.retention = config.tokens().maxAccessTokenLifetime().plus(config.tokens().clockSkew());
        if (rotationInterval.compareTo(prepublication) <= 0) {
            throw new IllegalStateException("auth.keys.rotation-interval must be longer than auth.keys.prepublication");
        }
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::sync);
    }

    @Scheduled(every = "${auth.keys.sync-interval}", delayed = "${auth.keys.sync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSync() {
        return sync().onFailure().recoverWithItem(e -> {
            // The keys in memory keep signing and verifying; the next round tries again.
            Log.warnf("signing-key sync failed, keeping the keys in memory: %s", e.getClass().getSimpleName());
            return null;
        });
    }

    /** Rotates when due (on the replica that gets the lock), then re-reads the keys into the ring. */
    public Uni<Void> sync() {
        return Panache.withTransaction(() -> rotateIfDue(false)).replaceWith(reload());
    }

    /**
     * Starts a rotation now, whatever the schedule: a successor is published at once and signs
     * after the pre-publication window. If a successor is already waiting, that one is returned.
     * It decides on the time at which it holds the rotation lock, which it may have waited for: a
     * successor that began signing during the wait gets a successor of its own, rather than being
     * answered as the one still waiting (a rotation that rotated nothing).
     */
    public Uni<Rotation> rotateNow() {
        return Panache.withTransaction(() -> rotateIfDue(true))
                .map(rotation -> rotation.orElseThrow(
                        () -> OAuthError.CONFLICT.exception("another replica is rotating the keys; retry")))
                .call(this::reload);
    }

    /**
     * Withdraws a key at once, ahead of its schedule: it stops signing and is no longer published,
     * here and on every replica within a second or so ({@link #watchWithdrawals}). When it is the
     * key that signs now, its successor signs from now on: the one waiting for its pre-publication
     * to end, or a new one. Either is unknown to the resource servers for a moment; they learn it
     * from the JWKS when they meet it (the security event of the withdrawal is the first thing it
     * signs). Withdrawing a key again changes nothing and answers the same.
     */
    public Uni<Withdrawal> withdraw(String kid, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it: a second withdrawal answers the same
        return Panache.withTransaction(() -> repository.rotationLock(OPERATOR_LOCK_WAIT_MILLIS).flatMap(locked -> {
                    if (!locked) {
                        throw OAuthError.CONFLICT.exception("another replica is rotating the keys; retry");
                    }
                    return repository.listByActivation().flatMap(rows -> withdraw(rows, kid, now));
                }))
                .map(withdrawnAt -> new Withdrawal(kid, withdrawnAt, withdrawnAt.plus(retention)))
                .call(this::reload)
                .call(() -> withdrawals.mark(kid));
    }

    private Uni<Instant> withdraw(List<SigningKeyEntity> rows, String kid, Instant now) {
        SigningKeyEntity target = rows.stream().filter(row -> row.kid.equals(kid)).findFirst()
                .orElseThrow(() -> OAuthError.NOT_FOUND.exception("no signing key has this kid"));
        if (target.withdrawnAt != null) {
            return Uni.createFrom().item(target.withdrawnAt);
        }
        SigningKeyEntity signing = live(rows).stream().filter(row -> !row.activeFrom.isAfter(now)).reduce((a, b) -> b).orElse(null);
        SigningKeyEntity waiting = live(rows).stream().filter(row -> row.activeFrom.isAfter(now)).findFirst().orElse(null);
        target.withdrawnAt = now;
        Log.warnf("signing key %s withdrawn: it no longer signs and its tokens are refused", kid);
        if (target != signing) {
            return Uni.createFrom().item(now);
        }
        // Without a successor that signs now, an older, retired key would take over again.
        if (waiting != null) {
            waiting.activeFrom = now;
            return Uni.createFrom().item(now);
        }
        return create(now).replaceWith(now);
    }

    /** Keys not withdrawn whose private key this replica can use. */
    private List<SigningKeyEntity> live(List<SigningKeyEntity> rows) {
        return rows.stream().filter(row -> row.withdrawnAt == null && decryptable(row)).toList();
    }

    /**
     * Another replica's withdrawal reaches this one's keys within a second: it leaves a mark in
     * Redis ({@link KeyWithdrawals}), looked at here every second; the keys themselves come from
     * PostgreSQL as always. Redis away: the regular sync still catches up.
     */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watchWithdrawals() {
        return withdrawals.changed()
                .flatMap(changed -> changed ? reload() : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull();
    }

    /** Decides on the clock once the lock is held (an operator's rotation may have waited for it). */
    private Uni<Optional<Rotation>> rotateIfDue(boolean force) {
        // The scheduled check skips a round when the lock is taken; an operator's forced rotation waits.
        Uni<Boolean> lock = force ? repository.rotationLock(OPERATOR_LOCK_WAIT_MILLIS) : repository.tryRotationLock();
        return lock.flatMap(locked -> locked
                ? repository.listByActivation().flatMap(rows -> rotate(rows, Instant.now(), force))
                : Uni.createFrom().item(Optional.empty()));
    }

    private Uni<Optional<Rotation>> rotate(List<SigningKeyEntity> rows, Instant now, boolean force) {
        SigningKeyEntity newest = live(rows).stream().reduce((a, b) -> b).orElse(null);
        Uni<Void> cleanup = deleteExpired(rows, now);
        if (newest == null) {
            // First start (or a new key-encryption key): nothing can sign, so nothing to pre-publish for.
            return cleanup.replaceWith(create(now));
        }
        if (newest.activeFrom.isAfter(now)) {
            return cleanup.replaceWith(Optional.of(new Rotation(newest.kid, newest.activeFrom)));
        }
        boolean due = force
                || !now.isBefore(newest.activeFrom.plus(rotationInterval).minus(prepublication))
                || !newest.algorithm.equals(algorithm.name());
        return due ? cleanup.replaceWith(create(now.plus(prepublication))) : cleanup.replaceWith(Optional.empty());
    }

    private Uni<Void> deleteExpired(List<SigningKeyEntity> rows, Instant now) {
        List<String> expired = new ArrayList<>();
        List<SigningKeyEntity> inUse = rows.stream().filter(row -> row.withdrawnAt == null).toList();
        for (int i = 0; i + 1 < inUse.size(); i++) {
            if (inUse.get(i + 1).activeFrom.plus(retention).isBefore(now)) {
                expired.add(inUse.get(i).kid);
            }
        }
        rows.stream().filter(row -> row.withdrawnAt != null && row.withdrawnAt.plus(retention).isBefore(now))
                .forEach(row -> expired.add(row.kid));
        if (expired.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Log.infof("removing retired signing keys %s", expired);
        return repository.delete("kid in ?1", expired).replaceWithVoid();
    }

    private Uni<Optional<Rotation>> create(Instant activeFrom) {
        return vertx.executeBlocking(Uni.createFrom().item(this::generate)).flatMap(pair -> {
            SigningKeyEntity row = new SigningKeyEntity();
            row.kid = thumbprint(pair.getPublic());
            row.algorithm = algorithm.name();
            row.publicKey = pair.getPublic().getEncoded();
            KeyEncryption.Sealed sealed = encryption.encrypt(pair.getPrivate().getEncoded(), row.kid);
            row.privateKeyCiphertext = sealed.ciphertext();
            row.privateKeyNonce = sealed.nonce();
            row.createdAt = Instant.now();
            row.activeFrom = activeFrom;
            Log.infof("new %s signing key %s, signing from %s", row.algorithm, row.kid, activeFrom);
            return repository.persist(row).replaceWith(Optional.of(new Rotation(row.kid, row.activeFrom)));
        });
    }

    private KeyPair generate() {
        try {
            return algorithm.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private Uni<Void> reload() {
        return Panache.withSession(repository::listByActivation).invoke(rows -> ring.replace(toKeys(rows), withdrawnKeys(rows))).replaceWithVoid();
    }

    private static Map<String, PublicKey> withdrawnKeys(List<SigningKeyEntity> all) {
        Map<String, PublicKey> withdrawn = new HashMap<>();
        for (SigningKeyEntity row : all) {
            if (row.withdrawnAt != null) {
                try {
                    withdrawn.put(row.kid, SigningAlgorithm.of(row.algorithm).publicKey(row.publicKey));
                } catch (GeneralSecurityException | IllegalStateException e) {
                    Log.warnf("withdrawn signing key %s is unreadable and is skipped: %s", row.kid, e.getClass().getSimpleName());
                }
            }
        }
        return withdrawn;
    }

    private List<SigningKey> toKeys(List<SigningKeyEntity> all) {
        List<SigningKeyEntity> rows = all.stream().filter(row -> row.withdrawnAt == null).toList();
        Map<String, SigningKey> known = new HashMap<>();
        ring.all().forEach(k -> known.put(k.kid(), k));
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SigningKeyEntity row = rows.get(i);
            Instant signsUntil = i + 1 < rows.size() ? rows.get(i + 1).activeFrom : null;
            Instant publishedUntil = signsUntil == null ? null : signsUntil.plus(retention);
            SigningKey previous = known.get(row.kid);
            try {
                SigningAlgorithm alg = SigningAlgorithm.of(row.algorithm);
                PublicKey publicKey = previous != null ? previous.publicKey() : alg.publicKey(row.publicKey);
                PrivateKey privateKey = previous != null ? previous.privateKey() : decrypt(row, alg);
                Map<String, Object> jwk = previous != null ? previous.jwk() : publicJwk(row.kid, alg, publicKey);
                keys.add(new SigningKey(row.kid, alg, publicKey, privateKey, row.activeFrom, signsUntil, publishedUntil, jwk));
            } catch (GeneralSecurityException | JoseException | IllegalStateException e) {
                Log.warnf("signing key %s is unreadable and is skipped: %s", row.kid, e.getClass().getSimpleName());
            }
        }
        return keys;
    }

    private PrivateKey decrypt(SigningKeyEntity row, SigningAlgorithm alg) {
        try {
            return alg.privateKey(encryption.decrypt(new KeyEncryption.Sealed(row.privateKeyCiphertext, row.privateKeyNonce), row.kid));
        } catch (GeneralSecurityException e) {
            // Sealed under another key-encryption key: its tokens still verify, it just cannot sign.
            Log.warnf("signing key %s cannot be decrypted with the configured key-encryption key; it is only published", row.kid);
            return null;
        }
    }

    private boolean decryptable(SigningKeyEntity row) {
        try {
            encryption.decrypt(new KeyEncryption.Sealed(row.privateKeyCiphertext, row.privateKeyNonce), row.kid);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Map<String, Object> publicJwk(String kid, SigningAlgorithm alg, PublicKey publicKey) throws JoseException {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
        jwk.setKeyId(kid);
        jwk.setAlgorithm(alg.name());
        jwk.setUse("sig");
        return Map.copyOf(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** RFC 7638 thumbprint: a kid derived from the key itself, unique without coordination. */
    private static String thumbprint(PublicKey publicKey) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException("could not compute a key thumbprint", e);
        }
    }
}
