package com.techcorp.auth.client;

import com.techcorp.auth.support.RandomTokens;
import com.techcorp.oauth.passwordhashing.Argon2id;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Client secrets are stored as Argon2id hashes (Keycloak 26's default cost, 7 MiB, 5 passes, 1
 * lane; the parameters inside each hash, so they can be raised later). Hashing runs on a worker
 * thread and resumes on the caller's event loop, where Hibernate Reactive needs it.
 */
@ApplicationScoped
public class SecretHasher {

    private final Vertx vertx;
    private final Counter verifications;
    private volatile String dummy;

    public SecretHasher(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.verifications = Counter.builder("oauth.client.secret.verifications")
                .description("Argon2id verifications of client secrets (cache misses)").register(registry);
    }

    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Argon2id.hash(secret, Argon2id.DEFAULT)));
    }

    /**
     * A verification that always fails, at the cost of a real one: what an unknown, disabled or
     * public client presented with a secret pays, so that timing does not tell which ids exist.
     */
    public Uni<Boolean> verifyNothing(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            check(secret, dummyHash());
            return Boolean.FALSE;
        }));
    }

    /** Made on first use, on a worker thread (an Argon2 hash must not run on the event loop). */
    private String dummyHash() {
        String hash = dummy;
        if (hash == null) {
            hash = Argon2id.hash(RandomTokens.of32Bytes(), Argon2id.DEFAULT);
            dummy = hash;
        }
        return hash;
    }

    public Uni<Boolean> verify(String secret, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> check(secret, hash)));
    }

    private boolean check(String secret, String hash) {
        verifications.increment();
        return Argon2id.verify(secret, hash); // false for a malformed hash
    }

    /** A server-generated secret: 256 random bits, base64url (DESIGN.md, Secrets). */
    public static String newSecret() {
        return RandomTokens.of32Bytes();
    }
}
