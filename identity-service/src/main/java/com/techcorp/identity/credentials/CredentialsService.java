package com.techcorp.identity.credentials;

import com.techcorp.identity.config.IdentityConfig;
import com.techcorp.identity.lockout.LoginFailures;
import com.techcorp.identity.lockout.LoginSource;
import com.techcorp.identity.password.HashingAdmission;
import com.techcorp.identity.password.PasswordHasher;
import com.techcorp.identity.user.UserEntity;
import com.techcorp.identity.user.UserRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Verifies a username and password. Every failure (unknown user, wrong password, disabled account,
 * locked pair) is the same empty result after about the same time. The attempt is counted before
 * the hash (see {@link LoginFailures}), per username and client address, so parallel guesses stay
 * within the limit and nobody locks a user out from another address.
 */
@ApplicationScoped
public class CredentialsService {

    private final UserRepository users;
    private final LoginFailures failures;
    private final PasswordHasher hasher;
    private final HashingAdmission admission;
    private final IdentityConfig.Lockout lockout;
    private final Counter verified;
    private final Counter refused;

    public CredentialsService(UserRepository users, LoginFailures failures, PasswordHasher hasher, HashingAdmission admission,
                              IdentityConfig config, MeterRegistry registry) {
        this.users = users;
        this.failures = failures;
        this.hasher = hasher;
        this.admission = admission;
        this.lockout = config.lockout();
        // One counter for every refusal: a metric that told unknown users from wrong passwords would enumerate accounts.
        this.verified = registry.counter("identity.credentials.verified", "outcome", "success");
        this.refused = registry.counter("identity.credentials.verified", "outcome", "refused");
    }

    /**
     * @param source the client address's digest ({@link LoginSource})
     * @return the user, or empty; fails with {@link HashingAdmission.Busy} when the hashing threads are full
     */
    public Uni<Optional<VerifiedUser>> verify(String username, String password, String source) {
        if (!admission.tryEnter()) {
            return Uni.createFrom().failure(new HashingAdmission.Busy());
        }
        long admitted = System.nanoTime();
        String key = LoginSource.usernameKey(username);
        // Left exactly once, however the verification ends: with an answer, a failure, or cancelled
        // because its caller hung up (a caller that timed out while this service was frozen). A
        // cancellation during the reservation once skipped leave(), and enough of them kept the
        // admission full: every later login was refused as busy.
        AtomicBoolean left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                admission.leave();
            }
        };
        return failures.reserve(key, source, lockout.maxFailures(), lockout.duration())
                .flatMap(reservation -> {
                    if (reservation.allowed()) {
                        return check(username, password, key, source, reservation, admitted);
                    }
                    leave.run();
                    // Locked: no hash to pay, but the answer takes as long as one, so it tells nothing.
                    return Uni.createFrom().item(refused()).onItem().delayIt().by(admission.typicalVerification());
                })
                .eventually(leave);
    }

    private Uni<Optional<VerifiedUser>> check(String username, String password, String key, String source,
                                              LoginFailures.Reservation reservation, long admitted) {
        // No transaction is held open across the hash: read, hash on a worker, then write.
        return Panache.withSession(() -> users.findByUsername(username))
                .flatMap(user -> hasher.verify(password, user == null ? null : user.passwordHash, admitted)
                        // Turned away before its hash: not a guess, so not counted as one.
                        .onFailure(HashingAdmission.Busy.class).call(() -> failures.release(key, source).onFailure().recoverWithNull())
                        .flatMap(result -> {
                            if (user == null || !result.matches()) {
                                return failures.failed(key, source, reservation, lockout.maxFailures(), lockout.usernameCeiling(),
                                        lockout.duration()).map(ignored -> refused());
                            }
                            return failures.succeeded(key, source).flatMap(ignored -> user.enabled
                                    ? accepted(user, password, result.needsRehash())
                                    : Uni.createFrom().item(refused()));
                        }));
    }

    /** Whether the user exists and is enabled: may still hold tokens (a lockout does not count). */
    /** The user if they may still hold tokens (enabled), as they are now: empty for a disabled or unknown one. */
    public Uni<Optional<VerifiedUser>> active(java.util.UUID id) {
        return Panache.withSession(() -> users.findById(id)).map(user -> user != null && user.enabled
                ? Optional.of(new VerifiedUser(user.id.toString(), user.username, user.displayName, user.employeeId, user.groupList()))
                : Optional.empty());
    }

    private Uni<Optional<VerifiedUser>> accepted(UserEntity user, String password, boolean needsRehash) {
        // A hash made at a lower cost than today's is replaced now, while the password is at hand.
        Uni<Integer> rehash = needsRehash
                ? hasher.hash(password).flatMap(hash -> Panache.withTransaction(() -> users.updatePasswordHash(user.id, hash)))
                : Uni.createFrom().item(0);
        return rehash.map(ignored -> {
            Log.infof("credentials verified for user %s", user.id);
            verified.increment();
            return Optional.of(new VerifiedUser(user.id.toString(), user.username, user.displayName, user.employeeId, user.groupList()));
        });
    }

    private Optional<VerifiedUser> refused() {
        refused.increment();
        return Optional.empty();
    }
}
