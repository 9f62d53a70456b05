package com.techcorp.auth.ratelimit;

import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every limit counts per client address (from X-Forwarded-For: the tests' loopback is the trusted
 * proxy), so whoever drains one is refused and everybody else is not. Small limits here; the
 * identity-service behind locks a pair after 3 failures.
 */
@QuarkusTest
@TestProfile(AttemptLimitsTest.SmallLimits.class)
class AttemptLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.rate-limits.login-failures-per-username-and-address", "4",
                    "auth.rate-limits.login-failures-per-address", "6",
                    "auth.rate-limits.client-failures-per-client-and-address", "3",
                    "auth.rate-limits.client-failures-per-address", "6",
                    "auth.rate-limits.client-failures-per-client", "8",
                    "auth.rate-limits.authorization-requests-per-address", "5");
        }
    }

    @Inject
    MeterRegistry registry;

    /** A documentation address (RFC 5737) no other test uses. */
    private static String newAddress() {
        int n = (int) (Math.random() * 65_000);
        return "203.0." + (n / 256) + "." + (n % 256);
    }

    private static ValidatableResponse login(String from, String username, String password) {
        return given().header("X-Forwarded-For", from).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .formParam("client_id", SeedUsers.PORTAL_CLIENT).formParam("client_secret", SeedUsers.PORTAL_SECRET)
                .post("/oauth/token").then();
    }

    private static ValidatableResponse clientCredentials(String from, String clientId, String secret) {
        return given().header("X-Forwarded-For", from).auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then();
    }

    @Test
    void failedLoginsFromOneAddressDoNotLockTheUserOutElsewhere() {
        String attacker = newAddress();
        for (int i = 0; i < 4; i++) {
            login(attacker, "alexchen", "guess-" + i).statusCode(400);
        }
        login(attacker, "alexchen", "secret123").statusCode(429).header("Retry-After", notNullValue())
                .body("error", equalTo("invalid_grant"));
        // The mobile app's secret is public: one holder of it cannot push everybody else to 429.
        login(newAddress(), "alexchen", "secret123").statusCode(200);
        login(newAddress(), "samokafor", "secret123").statusCode(200);
    }

    @Test
    void aSprayOfUsernamesFromOneAddressIsCutOffThereOnly() {
        String sprayer = newAddress();
        for (int i = 0; i < 6; i++) {
            login(sprayer, "nobody-" + UUID.randomUUID(), "Winter2026!").statusCode(400);
        }
        login(sprayer, "nobody-" + UUID.randomUUID(), "Winter2026!").statusCode(429);
        login(newAddress(), "priyanair", "secret123").statusCode(200);
    }

    @Test
    void aSprayFromASharedAddressDoesNotLockOutWhoSignedInThereBefore() {
        String office = newAddress();
        login(office, "mariagarcia", "secret123").statusCode(200);
        for (int i = 0; i < 6; i++) {
            login(office, "nobody-" + UUID.randomUUID(), "Winter2026!").statusCode(400);
        }
        login(office, "nobody-" + UUID.randomUUID(), "Winter2026!").statusCode(429);
        // A colleague who signed in from this office before is not held to its spent limit.
        login(office, "mariagarcia", "secret123").statusCode(200);
    }

    @Test
    void oneIpv6SubscriberIsOneAddressNotEighteenQuintillion() {
        // Everything inside one /64 is one address to the limits (found by a review: each was a fresh bucket).
        String net = "2001:db8:" + Integer.toHexString((int) (Math.random() * 65_000)) + ":0:";
        for (int i = 0; i < 6; i++) {
            login(net + "1:2:3:" + Integer.toHexString(i + 1), "nobody-" + UUID.randomUUID(), "x").statusCode(400);
        }
        login(net + "ffff:ffff:ffff:fffe", "nobody-" + UUID.randomUUID(), "x").statusCode(429);
        login(net.replace(":0:", ":1:") + "1:2:3:4", "nobody-" + UUID.randomUUID(), "x").statusCode(400);
    }

    @Test
    void successesAreNotCountedAsFailures() {
        String office = newAddress();
        for (int i = 0; i < 10; i++) {
            login(office, "janesmith", "secret123").statusCode(200);
        }
    }

    @Test
    void wrongClientSecretsAreLimitedPerClientAndAddressAndTheRightOneStillWorksElsewhere() {
        var client = TestClients.confidential().scope("data:read").register();
        String guesser = newAddress();
        for (int i = 0; i < 3; i++) {
            clientCredentials(guesser, client.clientId(), "guess-" + i).statusCode(401).body("error", equalTo("invalid_client"));
        }
        clientCredentials(guesser, client.clientId(), "guess-4").statusCode(429).header("Retry-After", notNullValue())
                .body("error", equalTo("invalid_client"));
        // Even the right secret waits there: it would have been one more guess.
        clientCredentials(guesser, client.clientId(), client.secret()).statusCode(429);
        clientCredentials(newAddress(), client.clientId(), client.secret()).statusCode(200);
    }

    @Test
    void aClientInSteadyUseIsNeverSlowedByGuessesAtItsSecret() {
        var client = TestClients.confidential().scope("data:read").register();
        clientCredentials(newAddress(), client.clientId(), client.secret()).statusCode(200);
        // Guesses from everywhere reach the per-client ceiling...
        for (int i = 0; i < 8; i++) {
            clientCredentials(newAddress(), client.clientId(), "guess-" + i).statusCode(401);
        }
        clientCredentials(newAddress(), client.clientId(), "guess-9").statusCode(429);
        // ...while the client, whose secret was verified a moment ago, goes on without a hash.
        clientCredentials(newAddress(), client.clientId(), client.secret()).statusCode(200);
    }

    /**
     * A client opens 16 connections at once with its right secret, before any was verified: all
     * 200, and one Argon2id between them. Before, each counted against the per-client-and-address
     * limit (3 here) before its hash, and the rest of the first burst got 429.
     */
    @Test
    void aClientsFirstBurstSharesOneVerification() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        String from = newAddress();
        double before = verifications();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return clientCredentials(from, client.clientId(), client.secret()).extract().statusCode();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(verifications() - before <= 3, "verifications: " + (verifications() - before));
    }

    @Test
    void anUnknownClientIdCostsTheSameVerificationAsAWrongSecret() {
        var client = TestClients.confidential().scope("data:read").register();
        double before = verifications();
        clientCredentials(newAddress(), client.clientId(), "wrong").statusCode(401);
        double wrongSecret = verifications() - before;
        clientCredentials(newAddress(), "no-such-client-" + UUID.randomUUID(), "wrong").statusCode(401);
        double unknownId = verifications() - before - wrongSecret;
        // A public client presented with a secret, too.
        clientCredentials(newAddress(), "techcorp_portal_web", "wrong").statusCode(401);
        double publicClient = verifications() - before - wrongSecret - unknownId;
        assertEquals(1, wrongSecret);
        assertEquals(1, unknownId);
        assertEquals(1, publicClient);
    }

    @Test
    void authorizationRequestsAreLimitedPerAddress() {
        String flooder = newAddress();
        for (int i = 0; i < 5; i++) {
            authorize(flooder).statusCode(200);
        }
        authorize(flooder).statusCode(429).header("Retry-After", notNullValue());
        authorize(newAddress()).statusCode(200);
    }

    private static ValidatableResponse authorize(String from) {
        return given().header("X-Forwarded-For", from).redirects().follow(false)
                .queryParam("response_type", "code").queryParam("client_id", "techcorp_portal_web")
                .queryParam("redirect_uri", "http://localhost:8084/portal/callback")
                .queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").queryParam("code_challenge_method", "S256")
                .get("/oauth/authorize").then();
    }

    private double verifications() {
        return registry.get("oauth.client.secret.verifications").counter().count();
    }
}
