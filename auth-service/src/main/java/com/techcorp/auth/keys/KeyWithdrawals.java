package com.techcorp.auth.keys;

import com.techcorp.auth.config.AuthConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * A mark in Redis that a key was withdrawn, so that every replica re-reads its keys within a
 * second instead of at its next sync (a minute), during which it would go on signing with the
 * withdrawn key or calling its tokens active. One key, one GET a second per replica.
 */
@ApplicationScoped
public class KeyWithdrawals {

    private static final String NOTHING_YET = "";

    private final ReactiveValueCommands<String, String> values;
    private final String key;
    /** The mark as this replica last saw it; null until it first looked. */
    private volatile String seen;

    public KeyWithdrawals(ReactiveRedisDataSource redis, AuthConfig config) {
        this.values = redis.value(String.class);
        this.key = config.redis().keyPrefix() + "keys:withdrawn";
    }

    /** Tells the other replicas (this one has re-read its keys already). */
    Uni<Void> mark(String kid) {
        String mark = kid + "@" + UUID.randomUUID();
        return values.set(key, mark).invoke(() -> seen = mark);
    }

    /** Whether another replica withdrew a key since this one last looked. */
    Uni<Boolean> changed() {
        return values.get(key).map(value -> {
            String now = value == null ? NOTHING_YET : value;
            String before = seen;
            seen = now;
            return before != null && !before.equals(now);
        });
    }
}
