package com.techcorp.auth.ratelimit;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.token.OAuthError;
import com.techcorp.auth.support.Sha256;
import com.techcorp.auth.token.OAuthException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Fixed-window attempt counters in Redis, shared by every replica: failed passwords per username
 * and password attempts per client. Independent of the identity-service's own lockout: this one
 * stops a flood before it costs an Argon2 hash there. Usernames are hashed in the key.
 */
@ApplicationScoped
public class AttemptLimiter {

    /** KEYS: counter. ARGV: window seconds, "0" to read only or "1" to count. Returns {count, ttl}. */
    private static final String COUNT = """
            if ARGV[2] == '0' then
              return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('TTL', KEYS[1])}
            end
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('TTL', KEYS[1])}
            """;

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final AuthConfig.RateLimits limits;

    public AttemptLimiter(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
        this.limits = config.rateLimits();
    }

    /** Counts one password attempt of the client; fails with 429 past the limit. */
    public Uni<Void> passwordAttempt(String clientId) {
        return count("rl:client:" + clientId, 1, limits.passwordAttemptsPerClient());
    }

    /**
     * Counts one sign-in attempt on the authorization endpoint's page from a network address; fails
     * with 429 past the per-client limit. Per address rather than per client: the page is open to
     * anyone, and one client-wide bucket would let a single script lock every user out.
     */
    public Uni<Void> signInAttempt(String address) {
        return count("rl:addr:" + Sha256.hex(address).substring(0, 32), 1, limits.passwordAttemptsPerClient());
    }

    /** Fails with 429 while the username has too many recent failures. */
    public Uni<Void> checkUsername(String username) {
        return count(usernameKey(username), 0, limits.passwordFailuresPerUsername() - 1);
    }

    public Uni<Void> recordFailure(String username) {
        return count(usernameKey(username), 1, Integer.MAX_VALUE);
    }

    private Uni<Void> count(String key, int increment, int limit) {
        return redis.execute("EVAL", COUNT, "1", prefix + key,
                        Long.toString(limits.window().toSeconds()), Integer.toString(increment))
                .map(r -> {
                    long n = r.get(0).toLong();
                    if (n > limit) {
                        long ttl = Math.max(1, r.get(1).toLong());
                        throw new OAuthException(OAuthError.TOO_MANY_ATTEMPTS,
                                "too many attempts, retry later", ttl);
                    }
                    return null;
                });
    }

    private static String usernameKey(String username) {
        return "rl:user:" + Sha256.hex(username.toLowerCase(Locale.ROOT)).substring(0, 32);
    }
}
