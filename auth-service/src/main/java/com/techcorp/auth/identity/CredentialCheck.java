package com.techcorp.auth.identity;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.oauth.jsonerrors.PlainText;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user's username and password checked, for every way of signing in (password grant, sign-in
 * page): bounded where they enter, counted against the attempt limits before the identity-service
 * hashes anything, and the count handed back when the password was right or the check could not
 * be made (busy or down is not a failed guess).
 *
 * <p>At most {@code auth.identity.max-concurrent-verifications} checks are in flight per replica:
 * enough to keep the identity-service's hashing threads busy, few enough that an accepted login
 * is answered within its timeout. The excess is refused before it costs a Redis round trip or a
 * call, with 503 and Retry-After, after {@code refusal-delay}: a client that ignores Retry-After
 * and retries at once is paced to a few attempts a second instead of spinning the CPU that the
 * hashing needs. Written by hand rather than with {@code @Bulkhead}: the permit has to cover the
 * attempt-limit reservation too, not only the call.
 */
@ApplicationScoped
public class CredentialCheck {

    private final AttemptLimiter limiter;
    private final IdentityClient identity;
    private final Vertx vertx;
    private final int maxInFlight;
    private final Duration refusalDelay;
    private final AtomicInteger inFlight = new AtomicInteger();

    public CredentialCheck(AttemptLimiter limiter, IdentityClient identity, Vertx vertx, AuthConfig config) {
        this.limiter = limiter;
        this.vertx = vertx;
        this.identity = identity;
        this.maxInFlight = config.identity().maxConcurrentVerifications();
        this.refusalDelay = config.identity().refusalDelay();
    }

    /** @return the user, or empty for wrong credentials of any kind; fails with 429 or 503 */
    public Uni<Optional<VerifiedUser>> check(String username, String password, String clientAddress) {
        if (username.length() > IdentityClient.MAX_USERNAME || !PlainText.is(username)
                || password.length() > IdentityClient.MAX_PASSWORD) {
            // Nobody has such a username or password: wrong, without a call, a count or a hash.
            return Uni.createFrom().item(Optional.empty());
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return paced(new IdentityClient.Busy(1));
        }
        return limiter.login(username, clientAddress).flatMap(reservation -> identity.verify(username, password, clientAddress)
                        .call(user -> user.isPresent() ? reservation.succeeded() : Uni.createFrom().voidItem())
                        .onFailure().call(reservation::release))
                .eventually(inFlight::decrementAndGet)
                .onFailure(IdentityClient.Busy.class).recoverWithUni(this::paced);
    }

    /** The refusal after the pause, on a timer of the request's own event loop (no hop to a scheduler thread and back). */
    private <T> Uni<T> paced(Throwable busy) {
        if (refusalDelay.toMillis() < 1) {
            // Vert.x timers take 1 ms and up: no pause configured, no timer.
            return Uni.createFrom().failure(busy);
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(refusalDelay.toMillis(), id -> emitter.fail(busy)));
    }
}
