package com.techcorp.auth.ratelimit;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.support.Sha256;
import com.techcorp.auth.token.OAuthError;
import com.techcorp.auth.token.OAuthException;
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

    /** KEYS: counters. Hands back one count on each that still has one (a window may have ended meanwhile). */
    private static final String RELEASE = """
            for i = 1, #KEYS do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            return 1
            """;

    /** Counters reserved for one attempt; {@link #release()} hands them back. */
    public static final class Reservation {
        /** Nothing was counted (the limits could not be reached): nothing to hand back. */
        public static final Reservation NONE = new Reservation(null, List.of());

        private final ReactiveRedisDataSource redis;
        private final List<String> keys;

        private Reservation(ReactiveRedisDataSource redis, List<String> keys) {
            this.redis = redis;
            this.keys = keys;
        }

        /**
         * The attempt was not a failure (right credentials, or a dependency that could not say).
         * Never fails: a count that cannot be handed back only expires with its window.
         */
        public Uni<Void> release() {
            if (keys.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> args = new ArrayList<>(List.of(RELEASE, Integer.toString(keys.size())));
            args.addAll(keys);
            return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid().onFailure().recoverWithNull();
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
     * address over every username (a spray of usernames from one place).
     */
    public Uni<Reservation> login(String username, String address) {
        String slot = "rl:{" + digest(address) + "}:login";
        return reserve(OAuthError.TOO_MANY_ATTEMPTS,
                slot + ":" + digest(username.toLowerCase(Locale.ROOT)), limits.loginFailuresPerUsernameAndAddress(),
                slot, limits.loginFailuresPerAddress());
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
                        .map(byClient -> new Reservation(redis, concat(byAddress.keys, byClient.keys))));
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
            return new Reservation(redis, keys);
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String digest(String value) {
        return Sha256.hex(value).substring(0, 32);
    }
}
