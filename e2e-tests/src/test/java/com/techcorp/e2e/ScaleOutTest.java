package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two auth-service replicas on one PostgreSQL and one Redis (DESIGN.md, Scaling out): a refresh
 * token from one is rotated by the other, both publish the same keys, a rotation started on one is
 * published by the other, and when a rotation falls due on both at once only one of them rotates.
 * The rotation interval is 8 s here so that several rounds fall due during the test.
 */
class ScaleOutTest {

    private static final Duration ROTATION_INTERVAL = Duration.ofSeconds(8);
    private static final String ADMIN_SECRET = "scale-out-test-admin-secret";
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static int a;
    private static int b;
    private static int data;
    private static ServiceProcess replicaB;

    @BeforeAll
    static void start() {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        a = TestStorage.freePort();
        b = TestStorage.freePort();
        int identity = TestStorage.freePort();
        processes.add(ServiceProcess.start("auth-service", a, authEnv(pg, redis, a, identity, true)));
        replicaB = ServiceProcess.start("auth-service", b, authEnv(pg, redis, b, identity, false));
        processes.add(replicaB);
        Map<String, String> identityEnv = ServiceProcess.demoEnv(pg, "scale_identity", true);
        identityEnv.put("IDENTITY_PORT", Integer.toString(identity));
        identityEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + a + "/.well-known/jwks.json");
        identityEnv.put("AUTH_EVENTS_URL", "http://127.0.0.1:" + a + "/oauth/security-events");
        identityEnv.put("AUTH_URL", "http://127.0.0.1:" + a);
        processes.add(ServiceProcess.start("identity-service", identity, identityEnv));
        // A resource server that takes its keys from replica A and its security events from replica B.
        data = TestStorage.freePort();
        Map<String, String> dataEnv = ServiceProcess.demoEnv(pg, "scale_data", true);
        dataEnv.put("DATA_PORT", Integer.toString(data));
        dataEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + a + "/.well-known/jwks.json");
        dataEnv.put("AUTH_EVENTS_URL", "http://127.0.0.1:" + b + "/oauth/security-events");
        processes.add(ServiceProcess.start("data-service", data, dataEnv));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> login(a) != null);
    }

    @AfterAll
    static void stop() {
        processes.forEach(ServiceProcess::stop);
    }

    private static Map<String, String> authEnv(TestStorage.Postgres pg, TestStorage.Redis redis, int port, int identity, boolean clean) {
        Map<String, String> env = ServiceProcess.demoEnv(pg, "scale_auth", clean);
        env.put("AUTH_PORT", Integer.toString(port));
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        env.put("AUTH_REDIS_PREFIX", "scale-" + a + ":");
        env.put("IDENTITY_URL", "http://127.0.0.1:" + identity);
        env.put("AUTH_BOOTSTRAP_ADMIN_SECRET", ADMIN_SECRET);
        env.put("AUTH_KEY_ROTATION_INTERVAL", ROTATION_INTERVAL.toString());
        env.put("AUTH_KEY_PREPUBLICATION", "PT3S");
        env.put("AUTH_KEY_SYNC_INTERVAL", "PT1S");
        return env;
    }

    private static String login(int port) {
        return given().baseUri("http://127.0.0.1:" + port).auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("grant_type", "password").formParam("username", "johndoe").formParam("password", "secret123")
                .post("/oauth/token").then().extract().path("refresh_token");
    }

    private static Set<String> kids(int port) {
        return new TreeSet<>(given().baseUri("http://127.0.0.1:" + port).get("/.well-known/jwks.json")
                .then().statusCode(200).extract().jsonPath().getList("keys.kid"));
    }

    private static JsonPath keys(int port) {
        String admin = given().baseUri("http://127.0.0.1:" + port).auth().preemptive().basic("bootstrap-admin", ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        return given().baseUri("http://127.0.0.1:" + port).auth().oauth2(admin).get("/admin/keys").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aRefreshTokenFromOneReplicaIsRotatedByTheOther() {
        String fromA = login(a);
        String fromB = given().baseUri("http://127.0.0.1:" + b).auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", fromA)
                .post("/oauth/token").then().statusCode(200).extract().path("refresh_token");
        // and the rotated one is spent on both
        given().baseUri("http://127.0.0.1:" + a).auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", fromB)
                .post("/oauth/token").then().statusCode(200);
    }

    @Test
    void bothPublishTheSameKeysAndARotationOnOneIsPublishedByTheOther() {
        await().atMost(Duration.ofSeconds(10)).until(() -> kids(a).equals(kids(b)));
        String admin = given().baseUri("http://127.0.0.1:" + a).auth().preemptive().basic("bootstrap-admin", ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        String kid = given().baseUri("http://127.0.0.1:" + a).auth().oauth2(admin).post("/admin/keys/rotate")
                .then().statusCode(200).extract().path("kid");
        await().atMost(Duration.ofSeconds(10)).until(() -> kids(b).contains(kid));
    }

    @Test
    void whenARotationFallsDueOnBothOnlyOneRotates() {
        // Let several rounds fall due on both replicas at once (each checks every second).
        await().pollDelay(ROTATION_INTERVAL.multipliedBy(3)).atMost(ROTATION_INTERVAL.multipliedBy(4)).until(() -> true);
        List<String> activeFrom = new ArrayList<>(keys(b).getList("active_from"));
        activeFrom.sort(null);
        assertTrue(activeFrom.size() >= 3, "several rotations happened: " + activeFrom);
        for (int i = 1; i < activeFrom.size(); i++) {
            Duration gap = Duration.between(Instant.parse(activeFrom.get(i - 1)), Instant.parse(activeFrom.get(i)));
            // Two replicas rotating for the same round would leave two keys about a second apart.
            assertTrue(gap.compareTo(Duration.ofSeconds(3)) > 0, "two keys for one round: " + activeFrom);
        }
        // The other replica sees a new key within its sync interval (1 s here): compare once it has.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(kids(a), kids(b)));
    }

    private static String clientToken(int port) {
        return given().baseUri("http://127.0.0.1:" + port).auth().preemptive().basic("report_service_id", "super_secret")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static void revoke(int port, String token) {
        given().baseUri("http://127.0.0.1:" + port).auth().preemptive().basic("report_service_id", "super_secret")
                .formParam("token", token).post("/oauth/revoke").then().statusCode(200);
    }

    private static int data(String token) {
        return given().baseUri("http://127.0.0.1:" + data).auth().oauth2(token).get("/data").then().extract().statusCode();
    }

    /**
     * A revocation made through replica A reaches a resource server that polls replica B (one log
     * for all replicas); then B is cut off for 30 s (frozen) while A revokes another token, and
     * once B answers again the resource server applies what it missed.
     */
    @Test
    void revocationsThroughOneReplicaReachResourceServersPollingAnotherEvenAfterACut() throws Exception {
        String first = clientToken(a);
        String second = clientToken(a);
        await().atMost(Duration.ofSeconds(10)).until(() -> data(first) == 200);
        assertEquals(200, data(second));
        long revoked = System.nanoTime();
        revoke(a, first);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> data(first) == 401);
        System.out.printf("revocation through replica A, polled from B: refused after %d ms%n", (System.nanoTime() - revoked) / 1_000_000);

        replicaB.freeze();
        try {
            revoke(a, second);
            Thread.sleep(30_000);
            assertEquals(200, data(second), "nothing can have reached it while its feed was cut");
        } finally {
            replicaB.thaw();
        }
        long thawed = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> data(second) == 401);
        System.out.printf("missed revocation applied %d ms after the feed came back%n", (System.nanoTime() - thawed) / 1_000_000);
    }
}
