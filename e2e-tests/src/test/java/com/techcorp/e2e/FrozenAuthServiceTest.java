package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auth-service freezes (SIGSTOP: its socket still accepts, nothing answers) while a resource
 * server's JWKS is due for a refresh. A token of a key it knows is answered at once from that key;
 * a token naming a key it has never seen waits for one bounded re-fetch, then is a 401. Before, the
 * request that found the cache expired fetched inside token parsing, on the event loop, for jose4j's
 * 3 × 20 s.
 */
class FrozenAuthServiceTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void resourceServerAnswersWithinTwoSecondsWhileTheAuthServiceIsFrozen() throws Exception {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        int authPort = TestStorage.freePort();
        int dataPort = TestStorage.freePort();
        Map<String, String> authEnv = ServiceProcess.authServiceEnv(pg, redis, "frozen_auth", authPort);
        // The JWKS may be cached 2 s (its max-age is pre-publication minus sync interval).
        authEnv.put("AUTH_KEY_PREPUBLICATION", "PT3S");
        authEnv.put("AUTH_KEY_SYNC_INTERVAL", "PT1S");
        ServiceProcess auth = ServiceProcess.start("auth-service", authPort, authEnv);
        Map<String, String> dataEnv = ServiceProcess.demoEnv(pg, "frozen_data", true);
        dataEnv.put("DATA_PORT", Integer.toString(dataPort));
        dataEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        ServiceProcess data = ServiceProcess.start("data-service", dataPort, dataEnv);
        try {
            String token = given().baseUri("http://127.0.0.1:" + authPort).auth().preemptive().basic("report_service_id", "super_secret")
                    .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                    .extract().path("access_token");
            getData(dataPort, token, 200);

            auth.freeze();
            try {
                Thread.sleep(3000); // the JWKS's max-age has passed: a refresh is due, and hangs
                for (int i = 0; i < 5; i++) {
                    assertWithin(() -> getData(dataPort, token, 200), "a token of a known key");
                }
                assertWithin(() -> getData(dataPort, withKeyId(token, "never-published"), 401), "a token of an unknown key");
                // A second unknown key does not wait again: re-fetches for unknown keys are spaced out.
                assertWithin(() -> getData(dataPort, withKeyId(token, "never-published-either"), 401), "another unknown key");
                assertWithin(() -> getData(dataPort, token, 200), "a known key after the unknown ones");
            } finally {
                auth.thaw();
            }
            getData(dataPort, token, 200);
        } finally {
            data.stop();
            auth.stop();
        }
    }

    private static void getData(int port, String token, int status) {
        given().baseUri("http://127.0.0.1:" + port).header("Authorization", "Bearer " + token)
                .get("/data").then().statusCode(status);
    }

    private static void assertWithin(Runnable call, String what) {
        long start = System.nanoTime();
        call.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BOUND) <= 0, what + " took " + took.toMillis() + " ms with the auth-service frozen");
    }

    /** The same token under another key id: its signature is no longer checked against a known key. */
    private static String withKeyId(String token, String keyId) {
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceFirst("\"kid\"\\s*:\\s*\"[^\"]*\"", "\"kid\":\"" + keyId + "\"");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    }
}
