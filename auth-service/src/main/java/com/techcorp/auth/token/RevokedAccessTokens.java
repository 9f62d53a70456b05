package com.techcorp.auth.token;

import com.techcorp.auth.config.AuthConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Revoked access tokens by jti, kept in Redis until the token would have expired anyway. */
@ApplicationScoped
public class RevokedAccessTokens {

    private final ReactiveRedisDataSource redis;
    private final String prefix;

    public RevokedAccessTokens(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix() + "revoked:";
    }

    public Uni<Void> revoke(String jti, Instant expiresAt) {
        if (!expiresAt.isAfter(Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return redis.value(String.class).set(prefix + jti, "1", new SetArgs().exAt(expiresAt));
    }

    public Uni<Boolean> isRevoked(String jti) {
        return redis.key().exists(prefix + jti);
    }
}
