package com.techcorp.auth.ratelimit;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.support.Sha256;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attempt limits in Redis, shared by every replica, one fixed window each
 * ({@code auth.rate-limits.window}). Failures are counted by reservation: the attempt is counted
 * before the slow check it guards (a password at the identity-service, a client secret's Argon2id)
 * and handed back when it turns out right, so parallel attempts cannot overrun a limit that they
 * each read before any of them failed. Every bucket names a client address, or is a ceiling high
 * enough that one caller cannot drain it for everyone. Keys of one reservation share a hash slot
 * (the braces), so a script never spans two Redis Cluster nodes.
 */
@ApplicationScoped
public class AttemptLimiter {

    /**
     * KEYS: counters. ARGV[1]: window seconds; ARGV[1 + i]: the limit of KEYS[i]. Refuses, with the
     * seconds until the full counter resets, when any counter is at its limit; else counts one on each.
     */
    private static final String RESERVE = """
            for i = 1, #KEYS do
              if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i + 1]) then
                return {0, redis.call('TTL', KEYS[i])}
              end
            end
            for i = 1, #KEYS do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
            end
            return {1, 0}
            """;

    /**
     * A sign-in: KEYS[1] the username-and-address counter, KEYS[2] the address counter, KEYS[3] the
     * mark of a recent success of this username from this address. ARGV: window, the two limits.
     * A marked pair is not held to the address's limit: a spray of failures from a shared address
     * (an office, a mobile carrier's NAT) cannot lock out the people who signed in from it before.
     */
    private static final String RESERVE_LOGIN = """
            local trusted = redis.call('EXISTS', KEYS[3]) == 1
            local n = trusted and 1 or 2
            for i = 1, n do
              if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i + 1]) then
                return {0, redis.call('TTL', KEYS[i])}
              end
            end
            for i = 1, n do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
            end
            return {1, n}
            """;

    /**
     * KEYS: counters, then optionally a mark to set (ARGV[1] its seconds, "0" for none). Hands back
     * one count on each counter that still has one (a window may have ended meanwhile).
     */
    private static final String RELEASE = """
            local counters = #KEYS
            if ARGV[1] ~= '0' then
              counters = counters - 1
              redis.call('SET', KEYS[#KEYS], '1', 'EX', ARGV[1])
            end
            for i = 1, counters do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            return 1
            """;

    /** How long a success from an address keeps that address trusted for the username. */
    private static final long TRUSTED_SECONDS = java.time.Duration.ofDays(30).toSeconds();

    /**
     * Counters reserved for one attempt; {@link #release()} hands them back. Kept as one group per
     * hash slot, each handed back by its own script: one script over two slots is a CROSSSLOT
     * error on a Redis Cluster.
     */
    public static final class Reservation {
        /** Nothing was counted (the limits could not be reached): nothing to hand back. */
        public static final Reservation NONE = new Reservation(null, List.of(), null);

        private final ReactiveRedisDataSource redis;
        private final List<List<String>> slotGroups;
        private final String trustMark;

        private Reservation(ReactiveRedisDataSource redis, List<List<String>> slotGroups, String trustMark) {
            this.redis = redis;
            this.slotGroups = slotGroups;
            this.trustMark = trustMark;
        }

        /** The credentials were right: the counts are handed back, and the address trusted for the username. */
        public Uni<Void> succeeded() {
            // A login's reservation is one group, in the trust mark's slot.
            return trustMark == null ? release() : run(concat(slotGroups.get(0), List.of(trustMark)), Long.toString(TRUSTED_SECONDS));
        }

        /**
         * The attempt was not a failure (right credentials, or a dependency that could not say).
         * Never fails: a count that cannot be handed back only expires with its window.
         */
        public Uni<Void> release() {
            return slotGroups.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(slotGroups.stream().map(keys -> run(keys, "0")).toList()).andFailFast().replaceWithVoid();
        }

        private Uni<Void> run(List<String> keys, String markSeconds) {
            List<String> args = new ArrayList<>(List.of(RELEASE, Integer.toString(keys.size())));
            args.addAll(keys);
            args.add(markSeconds);
            return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid().onFailure().recoverWithNull();
        }

        private Reservation and(Reservation other) {
            return new Reservation(redis, concat(slotGroups, other.slotGroups), trustMark);
        }
    }

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final AuthConfig.RateLimits limits;

    public AttemptLimiter(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
        this.limits = config.rateLimits();
    }

    /**
     * A user's sign-in (password grant, sign-in page): failures per username and address, and per
     * address over every username (a spray of usernames from one place), unless the username
     * signed in from this address before (see {@link #RESERVE_LOGIN}).
     */
    public Uni<Reservation> login(String username, String address) {
        String slot = "rl:{" + digest(address) + "}:login";
        String user = digest(username.toLowerCase(Locale.ROOT));
        List<String> keys = List.of(prefix + slot + ":" + user, prefix + slot, prefix + slot + ":ok:" + user);
        return redis.execute("EVAL", RESERVE_LOGIN, "3", keys.get(0), keys.get(1), keys.get(2), Long.toString(limits.window().toSeconds()),
                        Integer.toString(limits.loginFailuresPerUsernameAndAddress()), Integer.toString(limits.loginFailuresPerAddress()))
                .map(r -> {
                    if (r.get(0).toLong() == 0) {
                        throw new OAuthException(OAuthError.TOO_MANY_ATTEMPTS, "too many attempts, retry later", Math.max(1, r.get(1).toLong()));
                    }
                    return new Reservation(redis, List.of(keys.subList(0, r.get(1).toInteger())), keys.get(2));
                });
    }

    /**
     * A client secret about to be verified: failures per client and address and per address, then
     * per client over every address (a ceiling on online guessing of one client's secret).
     */
    public Uni<Reservation> clientAuthentication(String clientId, String address) {
        String slot = "rl:{" + digest(address) + "}:client";
        return reserve(OAuthError.TOO_MANY_CLIENT_ATTEMPTS,
                slot + ":" + digest(clientId), limits.clientFailuresPerClientAndAddress(),
                slot, limits.clientFailuresPerAddress())
                .flatMap(byAddress -> reserve(OAuthError.TOO_MANY_CLIENT_ATTEMPTS,
                        "rl:{" + digest(clientId) + "}:client", limits.clientFailuresPerClient())
                        .onFailure().call(byAddress::release)
                        .map(byAddress::and));
    }

    /** An authorization request from an address: each one stores a pending request for the sign-in's length. */
    public Uni<Void> authorizationRequest(String address) {
        return reserve(OAuthError.TOO_MANY_ATTEMPTS, "rl:{" + digest(address) + "}:authorize", limits.authorizationRequestsPerAddress())
                .replaceWithVoid();
    }

    /** Pairs of (key without prefix, limit). */
    private Uni<Reservation> reserve(OAuthError refusal, Object... keysAndLimits) {
        int n = keysAndLimits.length / 2;
        List<String> keys = new ArrayList<>(n);
        List<String> args = new ArrayList<>(List.of(RESERVE, Integer.toString(n)));
        for (int i = 0; i < n; i++) {
            keys.add(prefix + keysAndLimits[2 * i]);
        }
        args.addAll(keys);
        args.add(Long.toString(limits.window().toSeconds()));
        for (int i = 0; i < n; i++) {
            args.add(keysAndLimits[2 * i + 1].toString());
        }
        return redis.execute("EVAL", args.toArray(String[]::new)).map(r -> {
            if (r.get(0).toLong() == 0) {
                throw new OAuthException(refusal, "too many attempts, retry later", Math.max(1, r.get(1).toLong()));
            }
            return new Reservation(redis, List.of(keys), null);
        });
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String digest(String value) {
        return Sha256.hex(value).substring(0, 32);
    }
}
