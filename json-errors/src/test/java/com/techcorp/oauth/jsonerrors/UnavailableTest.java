package com.techcorp.oauth.jsonerrors;

import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL's own "not now" answers are a 503, whatever wraps them: during crash recovery it
 * refuses connections with 57P03 and the auth-service answered 500 hundreds of times per restart.
 * The exceptions are the pg client's own, as PostgreSQL's error packets become them.
 */
class UnavailableTest {

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    /** What a statement of ours gets wrong: severity ERROR, the session lives on. */
    private static PgException statement(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }

    @Test
    void postgresqlShuttingDownStartingUpOrOutOfConnectionsIsUnavailable() {
        for (String state : new String[]{"57P01", "57P02", "57P03", "08006", "08001", "53300", "53200", "55P03", "55000"}) {
            assertTrue(Unavailable.is(new CompletionException(new RuntimeException("wrapped", pg(state, "not now")))), state);
        }
    }

    @Test
    void aPostgresqlErrorThatIsOursIsNot() {
        for (String state : new String[]{"23505", "22021", "42P01", "40001", "55000"}) {
            assertFalse(Unavailable.is(statement(state, "a statement's own error")), state);
        }
    }

    @Test
    void redisBusyLoadingOrFailingOverIsUnavailableAndItsOtherErrorsAreNot() {
        for (String error : new String[]{"LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script",
                "MASTERDOWN Link with MASTER is down", "TRYAGAIN Multiple keys request during rehashing of slot",
                "CLUSTERDOWN The cluster is down", "READONLY You can't write against a read only replica."}) {
            assertTrue(Unavailable.is(new CompletionException(ErrorType.create(error))), error);
        }
        assertFalse(Unavailable.is(ErrorType.create("ERR wrong number of arguments for 'get' command")));
        // A batch (a script and its WAIT): Vert.x folds its commands' failures into one error, a line each.
        assertTrue(Unavailable.is(ErrorType.create("ERR [0] io.netty.channel.StacklessClosedChannelException")));
        assertTrue(Unavailable.is(ErrorType.create("ERR [0] CONNECTION_CLOSED")));
        assertTrue(Unavailable.is(ErrorType.create("CONNECTION_CLOSED")));
        assertTrue(Unavailable.is(ErrorType.create("ERR [0] NOSCRIPT x" + System.lineSeparator() + "ERR [1] READONLY You can't write")));
        assertFalse(Unavailable.is(ErrorType.create("ERR [0] wrong number of arguments for 'eval' command")));
        assertFalse(Unavailable.is(ErrorType.create("NOSCRIPT No matching script")));
        assertFalse(Unavailable.is(new IllegalStateException("LOADING looks like Redis but is not")));
        assertFalse(Unavailable.is(new IllegalArgumentException("plain bug")));
    }
}
