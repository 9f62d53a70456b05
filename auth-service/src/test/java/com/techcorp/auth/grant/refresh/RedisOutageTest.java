package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis goes away and comes back: refresh answers 503 promptly while client credentials keep
 * working, and everything recovers without a restart. The service gets a Redis of its own here,
 * so stopping it disturbs nothing else.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
class RedisOutageTest {

    private static final String PORT_PROPERTY = "test.own-redis.port";

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = Integer.getInteger(PORT_PROPERTY, 0);
            if (port == 0) {
                port = TestStorage.freePort();
                System.setProperty(PORT_PROPERTY, Integer.toString(port));
                start(port);
            }
            // Standalone whatever the other tests run on (TEST_REDIS_TOPOLOGY): this Redis is one node, without replicas.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port, "quarkus.redis.client-type", "standalone",
                    "auth.redis.replica-acks", "0", "quarkus.flyway.clean-at-start", "false");
        }
    }

    private static void start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void shutdown(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            out.write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        }
    }

    @Test
    void refreshAnswers503WhileRedisIsDownAndRecoversWhenItReturns() throws Exception {
        int port = Integer.getInteger(PORT_PROPERTY);
        var machine = TestClients.confidential().scope("data:read").register();
        String refreshToken = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> SeedUsers.passwordGrant("johndoe", "secret123").extract().<String>path("refresh_token"),
                        token -> token != null);

        shutdown(port);
        long start = System.nanoTime();
        SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, refreshToken, null)
                .statusCode(503).header("Retry-After", notNullValue()).body("error", equalTo("temporarily_unavailable"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3000, "503 after " + millis + " ms");
        given().auth().preemptive().basic(machine.clientId(), machine.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);

        start(port);
        // Redis kept nothing, so the old token is gone; a new login and its refresh work again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> SeedUsers.passwordGrant("johndoe", "secret123").extract().statusCode() == 200);
        String fresh = SeedUsers.passwordGrant("johndoe", "secret123").statusCode(200).extract().path("refresh_token");
        SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, fresh, null).statusCode(200);
    }
}
