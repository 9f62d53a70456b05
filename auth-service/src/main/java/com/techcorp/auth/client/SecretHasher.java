package com.techcorp.auth.client;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import com.techcorp.auth.support.RandomTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Client secrets are stored as Argon2id hashes (parameters inside each hash, so they can be
 * raised later). Hashing runs on a worker thread and resumes on the caller's event loop, where
 * Hibernate Reactive needs it.
 */
@ApplicationScoped
public class SecretHasher {

    /** Keycloak 26's default cost: 7 MiB, 5 iterations, 1 lane. */
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(7168, 5, 1, 32, Argon2.ID, 19);

    private final Vertx vertx;
    private final Counter verifications;

    public SecretHasher(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.verifications = Counter.builder("oauth.client.secret.verifications")
                .description("Argon2id verifications of client secrets (cache misses)").register(registry);
    }

    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Password.hash(secret).addRandomSalt(16).with(ARGON2).getResult()));
    }

    public Uni<Boolean> verify(String secret, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            verifications.increment();
            try {
                return Password.check(secret, hash).with(Argon2Function.getInstanceFromHash(hash));
            } catch (RuntimeException malformedHash) {
                return false;
            }
        }));
    }

    /** A server-generated secret: 256 random bits, base64url (DESIGN.md, Secrets). */
    public static String newSecret() {
        return RandomTokens.of32Bytes();
    }
}
