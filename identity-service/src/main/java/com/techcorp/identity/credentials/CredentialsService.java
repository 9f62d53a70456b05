package com.techcorp.identity.credentials;

import com.techcorp.identity.config.IdentityConfig;
import com.techcorp.identity.password.PasswordHasher;
import com.techcorp.identity.user.UserEntity;
import com.techcorp.identity.user.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Verifies a username and password. Every failure (unknown user, wrong password, disabled or
 * locked account) is the same empty result after the same work: one Argon2 verification.
 * Consecutive failures lock the account for a while; a success resets the count.
 */
@ApplicationScoped
public class CredentialsService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final IdentityConfig config;
    private final MeterRegistry registry;

    public CredentialsService(UserRepository users, PasswordHasher hasher, IdentityConfig config, MeterRegistry registry) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Optional<VerifiedUser>> verify(String username, String password) {
        // The transaction is not held open across the hash: read, hash on a worker, then write.
        return Panache.withSession(() -> users.findByUsername(username))
                .flatMap(user -> hasher.verify(password, user == null ? null : user.passwordHash)
                        .flatMap(result -> conclude(user, password, result)));
    }

    private Uni<Optional<VerifiedUser>> conclude(UserEntity user, String password, PasswordHasher.Verification result) {
        Instant now = Instant.now();
        if (user == null) {
            return refused("unknown_user");
        }
        if (!user.enabled || user.lockedAt(now)) {
            Log.infof("login refused for user %s: account %s", user.id, user.enabled ? "locked" : "disabled");
            return refused(user.enabled ? "locked" : "disabled");
        }
        if (!result.matches()) {
            return Panache.withTransaction(() -> users.recordFailure(user.id, config.lockout().maxFailures(),
                            config.lockout().duration(), now))
                    .flatMap(ignored -> refused("wrong_password"));
        }
        // A hash made at a lower cost than today's is replaced now, while the password is at hand.
        Uni<String> rehash = result.needsRehash() ? hasher.hash(password) : Uni.createFrom().nullItem();
        return rehash.flatMap(newHash -> Panache.withTransaction(() -> users.recordSuccess(user.id, newHash)))
                .map(ignored -> {
                    Log.infof("credentials verified for user %s", user.id);
                    registry.counter("identity.credentials.verified", "outcome", "success").increment();
                    return Optional.of(new VerifiedUser(user.id.toString(), user.username, user.displayName,
                            user.employeeId, user.groupList()));
                });
    }

    private Uni<Optional<VerifiedUser>> refused(String reason) {
        registry.counter("identity.credentials.verified", "outcome", reason).increment();
        return Uni.createFrom().item(Optional.empty());
    }
}
