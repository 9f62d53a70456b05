package com.techcorp.auth.securityevents;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.support.ReplicatedWrites;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The log of Security Event Tokens, one Redis Stream shared by every replica: appended once, read
 * by cursor (the stream entry id), kept as long as the longest access token can live plus the
 * clock skew, so every revocation still in force is in it and a receiver that starts from the
 * beginning learns all of them. Long polls wait here for the next entry: a replica learns of
 * entries other replicas appended by looking at the stream's last id every 100 ms, only while
 * someone waits.
 */
@ApplicationScoped
public class SecurityEventLog {

    /** A stream entry id, or 0 for "from the beginning". */
    public static final Pattern CURSOR = Pattern.compile("0|\\d{1,20}-\\d{1,20}");
    private static final long TICK_MILLIS = 100;

    /** One SET in the log. */
    public record Entry(String id, String jti, String set) {
    }

    /** Entries after a cursor, and whether more follow. */
    public record Page(List<Entry> entries, boolean more, String cursor) {
    }

    /** KEYS: the log. ARGV: the oldest id to keep, the event's jti, the SET. */
    private static final String APPEND = """
            return redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 'jti', ARGV[2], 'set', ARGV[3])
            """;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReplicatedWrites replicated;
    private final String key;
    private final Duration retention;
    private final Vertx vertx;
    /** A long poll waiting for an entry after its cursor. */
    private record Waiter(String cursor, UniEmitter<? super Void> emitter) {
    }

    private final ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private volatile boolean ticking;
    private long timer = -1;

    public SecurityEventLog(ReactiveRedisDataSource redis, ReplicatedWrites replicated, AuthConfig config, Vertx vertx) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.replicated = replicated;
        // One hash tag for everything revocation keeps: one Redis Cluster slot, one script may touch all.
        this.key = config.redis().keyPrefix() + "{secevents}:log";
        this.retention = config.tokens().maxAccessTokenLifetime().plus(config.tokens().clockSkew());
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        wakeAll();
    }

    /**
     * Appends a SET; entries older than the retention are trimmed on the way. Confirmed by the
     * replicas like a rotation ({@link ReplicatedWrites}), which confirms with it what its master
     * wrote before (the revocation's own mark, in the same slot): a revocation a failover could
     * lose fails with {@link ReplicatedWrites.NotConfirmed}, a 503 its caller may retry (a
     * revocation is idempotent). It is never undone: on the master it stands.
     */
    public Uni<String> append(String jti, String set) {
        String oldest = Instant.now().minus(retention).toEpochMilli() + "-0";
        return replicated.evalConfirmed(APPEND, List.of(key), List.of(oldest, jti, set), appended -> true, null, List.of())
                // Appended even when unconfirmed: on the master it stands, and pollers may read it.
                .onTermination().invoke(this::wakeAll)
                .map(Object::toString);
    }

    /**
     * Entries after {@code cursor}, at most {@code max}. A cursor past the end of the log (the log
     * was lost, Redis restarted without persistence) reads from the beginning again: the receiver
     * applies what it already has a second time, which changes nothing, rather than waiting for
     * ids the log will never reach.
     */
    public Uni<Page> after(String cursor, int max) {
        String start = cursor == null || "0".equals(cursor) ? "-" : "(" + cursor;
        return streams.xrange(key, StreamRange.of(start, "+"), max + 1).flatMap(messages -> {
            if (messages.isEmpty() && start.startsWith("(")) {
                return last().flatMap(last -> last != null && compare(cursor, last) > 0 ? after("0", max)
                        : Uni.createFrom().item(new Page(List.of(), false, cursor)));
            }
            boolean more = messages.size() > max;
            List<Entry> entries = messages.stream().limit(max)
                    .map(m -> new Entry(m.id(), m.payload().get("jti"), m.payload().get("set"))).toList();
            String next = entries.isEmpty() ? (cursor == null ? "0" : cursor) : entries.get(entries.size() - 1).id();
            return Uni.createFrom().item(new Page(entries, more, next));
        });
    }

    /** Completes when the log has an entry after {@code cursor} (appended by any replica), or after {@code max}. */
    public Uni<Void> awaitAppend(String cursor, Duration max) {
        return Uni.createFrom().<Void>emitter(emitter -> {
                    Waiter waiter = new Waiter(cursor, emitter);
                    waiting.add(waiter);
                    emitter.onTermination(() -> waiting.remove(waiter));
                })
                .ifNoItem().after(max).recoverWithItem((Void) null);
    }

    private Uni<String> last() {
        return streams.xrevrange(key, StreamRange.of("+", "-"), 1)
                .map(messages -> messages.isEmpty() ? null : messages.get(0).id());
    }

    private void tick() {
        if (waiting.isEmpty() || ticking) {
            return;
        }
        ticking = true;
        last().subscribe().with(last -> {
            ticking = false;
            if (last != null) {
                // Each waiter against its own cursor: one that began waiting just after an entry
                // was appended is woken too.
                waiting.removeIf(waiter -> {
                    boolean behind = "0".equals(waiter.cursor()) || compare(last, waiter.cursor()) > 0;
                    if (behind) {
                        waiter.emitter().complete(null);
                    }
                    return behind;
                });
            }
        }, failure -> ticking = false);
    }

    private void wakeAll() {
        for (Waiter waiter; (waiter = waiting.poll()) != null; ) {
            waiter.emitter().complete(null);
        }
    }

    /** Orders stream ids (milliseconds-sequence) numerically. */
    static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (byTime != 0 || x.length < 2 || y.length < 2) {
            return byTime;
        }
        return Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }
}
