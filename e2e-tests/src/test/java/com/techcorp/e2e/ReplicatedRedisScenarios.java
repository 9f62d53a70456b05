package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.oauth.teststorage.RedisDeployments.Node;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.techcorp.e2e.SourceScenariosTest.mobileAppLogin;
import static com.techcorp.e2e.SourceScenariosTest.payslipsAsTheSeedShowsThem;
import static com.techcorp.e2e.SourceScenariosTest.reportServiceToken;
import static com.techcorp.e2e.SourceScenariosTest.salesAsTheSeedShowsThem;
import static com.techcorp.oauth.teststorage.Browser.VERIFIER;
import static com.techcorp.oauth.teststorage.Browser.codeRequest;
import static com.techcorp.oauth.teststorage.Browser.redirectParams;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite on a replicated Redis (a Cluster, Sentinel): the seed scenarios, rotation with reuse
 * detection, the authorization code, revocation and the attempt limits; then what replication and
 * failover must not break: a rotation the replica did not confirm is refused (503) and undone, a
 * confirmed one survives its master's crash, and a master killed under a refresh load never lets
 * one refresh token be accepted twice, answers 503 meanwhile and recovers without a restart of the
 * auth-service. The auth-service waits for one replica's confirmation (AUTH_REDIS_REPLICA_ACKS=1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReplicatedRedisScenarios {

    static final String APP = "techcorp_employee_portal";
    static final String APP_SECRET = "super_secret";
    private static final String PORTAL_WEB = "techcorp_portal_web";
    private static final String PORTAL_CALLBACK = "http://localhost:8084/portal/callback";

    protected Suite suite;

    /** The data node that is the master of this key now. */
    abstract Node masterOf(String key);

    /** That master's replica, in sync with it. */
    abstract Node replicaOf(Node master);

    /** Waits until another node serves what the (killed) master held. */
    abstract void awaitFailoverFrom(Node killed, String key);

    /** Starts the killed node again, as its pod would be (it comes back as a replica). */
    abstract void bringBack(Node killed);

    /** Waits until the data is replicated again (after the killed node came back as a replica). */
    abstract void awaitReplicated();

    /** The auth-service's Redis settings for this deployment, confirmations included. */
    static Map<String, String> redisEnv(String clientType, String hosts, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("QUARKUS_REDIS_CLIENT_TYPE", clientType);
        env.put("QUARKUS_REDIS_HOSTS", hosts);
        env.put("AUTH_REDIS_REPLICA_ACKS", "1");
        return env;
    }

    /** Stops the Redis deployment (after the suite). */
    abstract void closeRedis();

    @AfterAll
    void stop() {
        if (suite != null) {
            suite.close();
        }
        closeRedis();
    }

    @Test
    @Order(1)
    void theSeedScenarios() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        payslipsAsTheSeedShowsThem(suite, mobileAppLogin(suite));
        salesAsTheSeedShowsThem(suite, reportServiceToken(suite));
    }

    @Test
    @Order(2)
    void refreshRotatesAndAReusedTokenEndsItsFamily() {
        String first = login("johndoe");
        String second = refresh(first).statusCode(200).extract().path("refresh_token");
        refresh(first).statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(second).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    @Order(3)
    void theAuthorizationCodeWithPkceIsRedeemedOnce() {
        Browser browser = new Browser(suite.url(suite.auth));
        browser.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s")).then().statusCode(200);
        Response redirect = browser.signIn("johndoe", "secret123");
        assertEquals(303, redirect.statusCode());
        String code = redirectParams(redirect, false).get("code");
        redeem(code).statusCode(200).body("access_token", notNullValue()).body("refresh_token", notNullValue());
        redeem(code).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    @Order(4)
    void aRevokedAccessTokenStopsWorkingAtTheResourceServer() {
        String token = reportServiceToken(suite);
        salesAsTheSeedShowsThem(suite, token);
        revoke(token).statusCode(200);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(suite.url(suite.data)).auth().oauth2(token).get("/data").statusCode() == 401);
    }

    /**
     * Successes hand their reservations back (one script per hash slot: 31 first authentications of
     * 31 clients from one address would meet the per-address limit of 30 if they did not), and
     * failures are counted until the limit holds.
     */
    @Test
    @Order(5)
    void attemptLimitsCountFailuresOnly() {
        String admin = clientToken("bootstrap-admin", Suite.ADMIN_SECRET).statusCode(200).extract().path("access_token");
        for (int i = 0; i < 31; i++) {
            var client = given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("client_id", "limits-" + i + "-" + System.nanoTime() % 100_000, "client_name", "limits",
                            "confidential", true, "grant_types", List.of("client_credentials"), "scope", "data:read"))
                    .post("/admin/clients").then().statusCode(201).extract();
            clientToken(client.path("client_id"), client.path("client_secret")).statusCode(200);
        }
        for (int i = 0; i < 10; i++) {
            password("samokafor", "wrong-" + i).statusCode(400).body("error", equalTo("invalid_grant"));
        }
        password("samokafor", "secret123").statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    @Order(6)
    void oneRefreshTokenPresentedAHundredTimesAtOnceIsRotatedOnce() throws Exception {
        String token = login("alexchen");
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refresh(token).extract().statusCode();
                }));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (Future<Integer> answer : answers) {
                byStatus.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 1, 400, 99), byStatus);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(7)
    void aRotationTheReplicaDidNotConfirmIsUndoneAndAConfirmedOneSurvivesTheMastersCrash() {
        String first = login("mariagarcia");
        String key = slotKey(first);
        Node master = masterOf(key);
        Node replica = replicaOf(master);
        replica.pause();
        try {
            refresh(first).statusCode(503).header("Retry-After", notNullValue()).body("error", equalTo("temporarily_unavailable"));
        } finally {
            replica.resume();
        }
        awaitReplicated();
        String second = refresh(first).statusCode(200).extract().path("refresh_token");

        master.kill();
        awaitFailoverFrom(master, key);
        // The promoted replica has no replica of its own yet: rotations cannot be confirmed, so they are refused.
        refresh(second).statusCode(503).header("Retry-After", notNullValue());
        bringBack(master);
        awaitReplicated();
        String third = awaitRefreshed(second);
        assertNotNull(third);
        refresh(first).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    @Order(8)
    void aMasterKilledUnderARefreshLoadNeverAcceptsATokenTwiceAndRecovers() throws Exception {
        int workers = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            tokens.add(loginWhenAvailable("priyanair"));
        }
        Map<String, Integer> acceptedTimes = new ConcurrentHashMap<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Set<Integer> endedFamilies = ConcurrentHashMap.newKeySet();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> loops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            loops.add(pool.submit(() -> {
                String token = tokens.get(worker);
                while (running.get() && !endedFamilies.contains(worker)) {
                    var answer = refresh(token).extract();
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    switch (answer.statusCode()) {
                        case 200 -> {
                            acceptedTimes.merge(token, 1, Integer::sum);
                            tokens.set(worker, token = answer.path("refresh_token"));
                        }
                        case 503 -> {
                            if (answer.header("Retry-After") == null) {
                                problems.add("503 without Retry-After");
                            }
                            sleep(50);
                        }
                        // A rotation in flight when its master died may have reached the replica unconfirmed:
                        // presenting that token again is reuse, and the family ends. Never more than once a worker.
                        case 400 -> endedFamilies.add(worker);
                        default -> problems.add(answer.statusCode() + " " + answer.asString());
                    }
                }
                return null;
            }));
        }
        try {
            sleep(1000);
            String key = slotKey(tokens.get(0));
            Node master = masterOf(key);
            master.kill();
            awaitFailoverFrom(master, key);
            sleep(1000);
            bringBack(master);
            awaitReplicated();
            sleep(1000);
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            pool.shutdownNow();
        }
        assertEquals(List.of(), problems);
        assertTrue(acceptedTimes.values().stream().allMatch(times -> times == 1), "a refresh token was accepted twice");
        assertTrue(statuses.getOrDefault(503, 0) > 0, "the failover was seen: " + statuses);
        for (int w = 0; w < workers; w++) {
            if (!endedFamilies.contains(w)) {
                assertNotNull(awaitRefreshed(tokens.get(w)), "worker " + w + " recovered");
            }
        }
    }

    /**
     * A revocation is confirmed like a rotation: while the replica of its slot's master is frozen
     * it answers 503 (a failover could lose it) and stands on the master; retried, it answers 200
     * and the resource server refuses the token.
     */
    @Test
    @Order(9)
    void aRevocationTheReplicaCannotConfirmIsA503AndItsRetrySucceeds() {
        String token = reportServiceToken(suite);
        Node replica = replicaOf(masterOf("{secevents}"));
        replica.pause();
        try {
            revoke(token).statusCode(503).header("Retry-After", notNullValue());
        } finally {
            replica.resume();
        }
        awaitReplicated();
        revoke(token).statusCode(200);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().baseUri(suite.url(suite.data)).auth().oauth2(token).get("/data").statusCode() == 401);
    }

    /** The key whose hash slot holds the token's family (RefreshTokenStore: "rt:{family}:..."). */
    static String slotKey(String refreshToken) {
        byte[] raw = Base64.getUrlDecoder().decode(refreshToken);
        return "{" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(raw, 16)) + "}";
    }

    /** Refreshes until it works (503s meanwhile); the new refresh token. */
    private String awaitRefreshed(String token) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var answer = refresh(token).extract();
            if (answer.statusCode() == 200) {
                return answer.path("refresh_token");
            }
            assertEquals(503, answer.statusCode(), answer.asString());
            sleep(200);
        }
        return null;
    }

    /** A login, retried while it answers 503: just after a failover (the test before) Redis may still be settling. */
    private String loginWhenAvailable(String username) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            var answer = password(username, "secret123").extract();
            if (answer.statusCode() == 200 || Instant.now().isAfter(deadline)) {
                assertEquals(200, answer.statusCode(), answer.asString());
                return answer.path("refresh_token");
            }
            assertEquals(503, answer.statusCode(), answer.asString());
            sleep(200);
        }
    }

    private String login(String username) {
        return password(username, "secret123").statusCode(200).extract().path("refresh_token");
    }

    private io.restassured.response.ValidatableResponse password(String username, String password) {
        return given().baseUri(suite.url(suite.auth)).auth().preemptive().basic(APP, APP_SECRET)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .post("/oauth/token").then();
    }

    private io.restassured.response.ValidatableResponse refresh(String token) {
        return given().baseUri(suite.url(suite.auth)).auth().preemptive().basic(APP, APP_SECRET)
                .formParam("grant_type", "refresh_token").formParam("refresh_token", token)
                .post("/oauth/token").then();
    }

    private io.restassured.response.ValidatableResponse clientToken(String clientId, String secret) {
        return given().baseUri(suite.url(suite.auth)).auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then();
    }

    private io.restassured.response.ValidatableResponse revoke(String accessToken) {
        return given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("report_service_id", "super_secret")
                .formParam("token", accessToken).post("/oauth/revoke").then();
    }

    private io.restassured.response.ValidatableResponse redeem(String code) {
        return given().baseUri(suite.url(suite.auth)).formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", PORTAL_CALLBACK).formParam("client_id", PORTAL_WEB).formParam("code_verifier", VERIFIER)
                .post("/oauth/token").then();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
