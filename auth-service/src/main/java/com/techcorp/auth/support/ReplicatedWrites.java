package com.techcorp.auth.support;

import com.techcorp.auth.config.AuthConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lua scripts whose effect must outlive a failover. Redis replicates asynchronously: a master can
 * acknowledge a write and crash before its replica has it, and the promoted replica then holds the
 * state from before (a refresh token unused again, a code not redeemed). With
 * {@code auth.redis.replica-acks} above 0 the script is followed, on the same connection (so on the
 * same master, in a Cluster the one of the script's slot), by {@code WAIT}; a write the replicas
 * did not confirm in time is reported as such, for the caller to undo or refuse.
 */
@ApplicationScoped
public class ReplicatedWrites {

    /** A script's reply, and whether enough replicas confirmed it (always true when none are asked for). */
    private record Outcome(Response reply, boolean confirmed) {
    }

    /** A write that could not be confirmed: a 503 (Unavailable counts a TimeoutException as "not now"). */
    public static final class NotConfirmed extends TimeoutException {
        public NotConfirmed() {
            super("Redis replicas did not confirm the write in time");
        }
    }

    private final ReactiveRedisDataSource redis;
    private final int replicas;
    private final long timeoutMillis;

    public ReplicatedWrites(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis;
        this.replicas = config.redis().replicaAcks();
        this.timeoutMillis = Math.max(1, config.redis().replicaAckTimeout().toMillis());
    }

    /**
     * Runs the script and answers its reply once the replicas have it. A reply that {@code mustLast}
     * accepts (the write that counts happened) and that they did not confirm is taken back by the
     * script {@code undo} over the same keys, while nobody holds its result (null: never undone,
     * it stands on the master), and the call fails with {@link NotConfirmed}. Other replies (the
     * script refused, nothing to lose) are answered as they are.
     */
    public Uni<Response> evalConfirmed(String script, List<String> keys, List<String> args,
                                       Predicate<Response> mustLast, String undo, List<String> undoArgs) {
        return eval(script, keys, args).flatMap(outcome -> {
            if (outcome.confirmed() || !mustLast.test(outcome.reply())) {
                return Uni.createFrom().item(outcome.reply());
            }
            Uni<Response> undone = undo == null ? Uni.createFrom().nullItem() : redis.getRedis().send(command(undo, keys, undoArgs));
            return undone.onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().failure(new NotConfirmed()));
        });
    }

    private Uni<Outcome> eval(String script, List<String> keys, List<String> args) {
        Request eval = command(script, keys, args);
        if (replicas == 0) {
            return redis.getRedis().send(eval).map(reply -> new Outcome(reply, true));
        }
        Request wait = Request.cmd(Command.WAIT).arg(replicas).arg(timeoutMillis);
        return redis.getRedis().batch(List.of(eval, wait))
                .map(replies -> new Outcome(replies.get(0), replies.get(1).toInteger() >= replicas));
    }

    private static Request command(String script, List<String> keys, List<String> args) {
        Request eval = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(eval::arg);
        args.forEach(eval::arg);
        return eval;
    }
}
