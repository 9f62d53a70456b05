package com.techcorp.oauth.jsonerrors;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means a dependency is down, slow, saturated or not ready yet (a 503 the client
 * may retry), not a bug (a 500): by exception type and by the dependency's own word for "not now"
 * (PostgreSQL's SQLSTATE, Redis's error prefix), never by message text alone.
 */
public final class Unavailable {

    /** What a 503 for a dependency that is away says in Retry-After, in every service. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private static final Set<String> UNAVAILABLE = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.netty.channel.ConnectTimeoutException",
            // A connection pool (Redis, PostgreSQL, HTTP) with its wait queue full: overload, retry later.
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.quarkus.oidc.client.OidcClientException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException");

    /**
     * Redis answers these while it cannot serve (loading its data, a script running long, a failover
     * or a cluster reconfiguring, a replica that became read-only), and the Vert.x client's own word
     * for a connection that closed under a pending command (a master that crashed): retry later.
     */
    private static final Set<String> REDIS_NOT_NOW = Set.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "READONLY",
            "CONNECTION_CLOSED");

    private Unavailable() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof ClosedChannelException || UNAVAILABLE.contains(t.getClass().getName())
                    || t instanceof DatabaseException db && notNow(db.getSqlState())
                    || t instanceof PgException pg && "FATAL".equals(pg.getSeverity())
                    || t.getClass().getName().equals("io.vertx.redis.client.impl.types.ErrorType") && redisNotNow(message)
                    || connectionLost(message)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Redis error reply, or a batch's: Vert.x folds the failures of a batch into one error,
     * a line "ERR [index] cause" for each failed command, the cause being a Redis error or the
     * text of a Java exception (a connection closed under it).
     */
    private static boolean redisNotNow(String message) {
        if (!message.startsWith("ERR [")) {
            return REDIS_NOT_NOW.contains(message.split(" ", 2)[0]);
        }
        return message.lines().anyMatch(line -> {
            String cause = line.replaceFirst("^ERR \\[\\d+] ", "");
            return REDIS_NOT_NOW.contains(cause.split(" ", 2)[0]) || connectionLost(cause);
        });
    }

    private static boolean connectionLost(String message) {
        return message.contains("Connection refused") || message.contains("Connection reset")
                || message.contains("Connection is closed") || message.contains("ClosedChannelException");
    }

    /**
     * PostgreSQL's SQLSTATEs for "not now" (Appendix A): class 08 (the connection failed), 53
     * (insufficient resources: too many connections, out of memory or disk), 57P01–57P03 (shutting
     * down by an administrator, after a crash, or starting up and in recovery), 55P03 (a lock not
     * available in time). Besides these, any error of severity FATAL: PostgreSQL ended or refused
     * the session (a database not accepting connections is 55000, a class statements share).
     */
    static boolean notNow(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03") || sqlState.equals("55P03"));
    }

    /** The class of the innermost cause, for a log line that names no request data. */
    public static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
