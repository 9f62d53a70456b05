package com.techcorp.oauth.jsonerrors;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Whether a failure means a dependency is down, slow or saturated (a 503), not a bug (a 500). */
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

    private Unavailable() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof ClosedChannelException || UNAVAILABLE.contains(t.getClass().getName())
                    || message.contains("Connection refused") || message.contains("Connection reset")
                    || message.contains("Connection is closed")) {
                return true;
            }
        }
        return false;
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
