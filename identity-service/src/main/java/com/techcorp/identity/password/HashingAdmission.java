package com.techcorp.identity.password;

import com.techcorp.identity.config.IdentityConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admits as many verifications as the hashing threads can finish within {@code max-wait}, and
 * refuses the rest at once (503 with Retry-After) instead of queueing them past the caller's
 * timeout: a login burst is served at the Argon2id ceiling, and the excess learns at once that it
 * should come back, rather than everybody timing out together. The queue bound follows the
 * measured verification time (a moving average, seeded by the start-up warm-up), so it fits the
 * machine it runs on; one that still waits past {@code deadline} is refused when its turn comes.
 */
@ApplicationScoped
public class HashingAdmission {

    /** The hashing threads are full: refused at once, to be retried (503 with Retry-After). */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("the hashing threads are full", null, false, false);
        }
    }

    private final int threads;
    private final long maxWaitNanos;
    private final long deadlineNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Moving average of one verification's time on a hashing thread; until the first, a typical 40 ms. */
    private final AtomicLong averageNanos = new AtomicLong(Duration.ofMillis(40).toNanos());
    private final AtomicInteger samples = new AtomicInteger();
    private final Counter refused;

    public HashingAdmission(IdentityConfig config, MeterRegistry registry) {
        this.threads = config.verification().threads() > 0 ? config.verification().threads() : Runtime.getRuntime().availableProcessors();
        this.maxWaitNanos = config.verification().maxWait().toNanos();
        this.deadlineNanos = config.verification().deadline().toNanos();
        this.refused = Counter.builder("identity.verifications.refused.busy")
                .description("verifications refused because the hashing threads were full").register(registry);
        Gauge.builder("identity.verifications.in_flight", inFlight, AtomicInteger::get)
                .description("verifications admitted and not yet answered").register(registry);
    }

    /**
     * Whether a verification admitted at {@code admittedNanos} has waited too long for its thread to
     * be worth hashing: its caller has given up or is about to (the auth-service waits 1 s), so it is
     * answered busy instead. The admission bound keeps this rare; it catches a burst that arrives
     * before the moving average has seen how slow hashing became.
     */
    public boolean pastDeadline(long admittedNanos) {
        return System.nanoTime() - admittedNanos > deadlineNanos;
    }

    /** @return whether the verification may go ahead; if so, {@link #leave()} must follow */
    public boolean tryEnter() {
        int limit = threads + (int) (maxWaitNanos * threads / Math.max(1, averageNanos.get()));
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refused.increment();
            return false;
        }
        return true;
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Records how long one hash took on its thread (not counting the wait for one). */
    public void hashed(long nanos) {
        if (samples.incrementAndGet() <= 3) {
            // The start-up warm-up's: each replaces the last, the first being cold and slow.
            averageNanos.set(nanos);
        } else {
            averageNanos.updateAndGet(avg -> avg + (nanos - avg) / 8);
        }
    }

    /** How long a verification takes: a refusal that skips the hash waits this long, so timing tells nothing. */
    public Duration typicalVerification() {
        return Duration.ofNanos(averageNanos.get());
    }

    public int threads() {
        return threads;
    }
}
