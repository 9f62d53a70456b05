package com.techcorp.identity.password;

import com.techcorp.identity.config.IdentityConfig;
import com.techcorp.oauth.passwordhashing.Argon2id;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Argon2id password hashing on a worker pool of its own, one thread per core (more threads than
 * cores only slice the same CPU and make every hash slower), resuming on the caller's event loop
 * (where Hibernate Reactive needs it). Each hash carries its parameters, so raising the cost in
 * configuration rehashes a user's password at their next successful login. Memory at most one
 * Argon2id block set per thread ({@code memory-kib} × threads).
 */
@Startup // built on the main thread at start-up: the dummy hash costs one Argon2 run
@ApplicationScoped
public class PasswordHasher {

    /** The outcome of a verification: whether it matched, and whether the hash is weaker than today's. */
    public record Verification(boolean matches, boolean needsRehash) {
    }

    private final WorkerExecutor workers;
    private final Argon2id.Cost current;
    private final String dummyHash;
    private final Timer timer;
    private final HashingAdmission admission;

    public PasswordHasher(Vertx vertx, IdentityConfig config, MeterRegistry registry, HashingAdmission admission) {
        var p = config.passwords();
        this.admission = admission;
        this.workers = vertx.createSharedWorkerExecutor("password-hashing", admission.threads());
        this.current = new Argon2id.Cost(p.memoryKib(), p.iterations(), p.parallelism());
        // Unknown users are checked against this, at today's cost, so timing does not tell which names exist.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hashNow(Base64.getEncoder().encodeToString(random));
        this.timer = Timer.builder("identity.password.verification")
                .description("Argon2id verifications, on the hashing threads").register(registry);
    }

    @PreDestroy
    void close() {
        workers.closeAndForget();
    }

    public Uni<String> hash(String password) {
        return workers.executeBlocking(() -> hashNow(password), false);
    }

    /**
     * @param storedHash    null for an unknown user: a dummy verification of the same cost, which fails
     * @param admittedNanos when {@link HashingAdmission} let it in; fails with {@link HashingAdmission.Busy}
     *                      when it waited past the deadline for a thread
     */
    public Uni<Verification> verify(String password, String storedHash, long admittedNanos) {
        return workers.executeBlocking(() -> {
            if (admission.pastDeadline(admittedNanos)) {
                throw new HashingAdmission.Busy();
            }
            long start = System.nanoTime();
            try {
                return timer.record(() -> check(password, storedHash));
            } finally {
                admission.hashed(System.nanoTime() - start);
            }
        }, false);
    }

    private Verification check(String password, String storedHash) {
        Optional<Argon2id.Cost> cost = Argon2id.costOf(storedHash);
        if (cost.isEmpty()) {
            // Unknown user, or a stored hash this service cannot read: the same work, and no.
            Argon2id.verify(password, dummyHash);
            return new Verification(false, false);
        }
        boolean matches = Argon2id.verify(password, storedHash);
        return new Verification(matches, matches && !cost.get().equals(current));
    }

    private String hashNow(String password) {
        return Argon2id.hash(password, current);
    }
}
