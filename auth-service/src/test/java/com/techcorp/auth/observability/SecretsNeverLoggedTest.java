package com.techcorp.auth.observability;

import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Captures every log record (DEBUG and up for our code) while secrets and tokens flow, and searches it. */
@QuarkusTest
class SecretsNeverLoggedTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder b = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    b.append(' ').append(p);
                }
            }
            if (record.getThrown() != null) {
                StringWriter w = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(w));
                b.append(w);
            }
            lines.add(b.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noSecretOrTokenAppearsInTheLog() {
        var client = TestClients.confidential().scope("data:read").register();
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");
        given().formParam("grant_type", "client_credentials").formParam("client_id", client.clientId())
                .formParam("client_secret", "wrong-" + client.secret()).post("/oauth/token").then().statusCode(401);
        String rotated = given().auth().oauth2(TestClients.adminToken()).post("/admin/clients/" + client.clientId() + "/secret")
                .then().statusCode(200).extract().path("client_secret");
        given().auth().preemptive().basic(client.clientId(), rotated)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);

        String log = String.join("\n", lines);
        assertTrue(log.contains(client.clientId()), "the capture works: the client's id is logged");
        for (String secret : List.of(client.secret(), rotated, TestClients.ADMIN_SECRET, token)) {
            assertFalse(log.contains(secret), "a secret or token reached the log");
        }
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "a token signature reached the log");
    }
}
