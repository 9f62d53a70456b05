package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2), against real Redis. */
@QuarkusTest
class RefreshTokenGrantTest {

    private static final String CLIENT = SeedUsers.PORTAL_CLIENT;
    private static final String SECRET = SeedUsers.PORTAL_SECRET;

    @TestHTTPResource("/oauth/token")
    URL tokenUrl;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "auth.redis.key-prefix")
    String keyPrefix;

    @Test
    void everyUseRotatesAndTheUserStaysTheSame() throws Exception {
        String first = SeedUsers.refreshToken("samokafor");
        var response = SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("refresh_token", not(equalTo(first)))
                .body("scope", equalTo("payslips:read leave:read")).extract();
        String second = response.path("refresh_token");
        assertEquals("6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e05", Jwks.verify(response.path("access_token")).getSubject());
        SeedUsers.refresh(CLIENT, SECRET, second, null).statusCode(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        String first = SeedUsers.refreshToken("priyanair");
        String second = SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(200).extract().path("refresh_token");
        SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(400).body("error", equalTo("invalid_grant"));
        // The thief replayed the old token: the legitimate holder's newer token dies with the family.
        SeedUsers.refresh(CLIENT, SECRET, second, null).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    /** A rotation keeps the old token's hash in its family, not its record: ~90 bytes instead of ~570 for 14 days. */
    @Test
    void aRotatedTokenLeavesOnlyItsHashBehindAndItsReuseIsStillCaught() {
        String first = SeedUsers.refreshToken("alexchen");
        String second = SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(200).extract().path("refresh_token");
        String family = RefreshTokenStore.family(first).orElseThrow();
        assertFalse(redis.key().exists(keyPrefix + "rt:{" + family + "}:" + RefreshTokenStore.hash(first)));
        assertTrue(redis.key().exists(keyPrefix + "rt:{" + family + "}:" + RefreshTokenStore.hash(second)));
        assertEquals(2, redis.set(String.class).scard(keyPrefix + "rtf:{" + family + "}"));
        SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(400).body("error", equalTo("invalid_grant"));
        SeedUsers.refresh(CLIENT, SECRET, second, null).statusCode(400).body("error", equalTo("invalid_grant"));
        assertFalse(redis.key().exists(keyPrefix + "rtf:{" + family + "}"));
    }

    @Test
    void anotherClientCannotUseTheTokenAndDoesNotSpendIt() {
        var other = TestClients.confidential().grants("password", "refresh_token").scope("payslips:read leave:read").register();
        String token = SeedUsers.refreshToken("johndoe");
        SeedUsers.refresh(other.clientId(), other.secret(), token, null).statusCode(400).body("error", equalTo("invalid_grant"));
        SeedUsers.refresh(CLIENT, SECRET, token, null).statusCode(200);
    }

    @Test
    void scopeMayBeNarrowedButNeverWidened() throws Exception {
        String token = SeedUsers.refreshToken("johndoe");
        // hr:read is allowed for the client but was not in this token's grant.
        SeedUsers.refresh(CLIENT, SECRET, token, "payslips:read hr:read").statusCode(400).body("error", equalTo("invalid_scope"));
        var narrowed = SeedUsers.refresh(CLIENT, SECRET, token, "payslips:read").statusCode(200)
                .body("scope", equalTo("payslips:read")).extract();
        assertEquals("payslips:read", Jwks.verify(narrowed.path("access_token")).getClaimValue("scope"));
        // The new refresh token keeps the original scope (RFC 6749 §6).
        SeedUsers.refresh(CLIENT, SECRET, narrowed.path("refresh_token"), null).statusCode(200)
                .body("scope", equalTo("payslips:read leave:read"));
    }

    @Test
    void garbageAndMissingTokensAreRefused() {
        SeedUsers.refresh(CLIENT, SECRET, "not-a-refresh-token", null).statusCode(400).body("error", equalTo("invalid_grant"));
        SeedUsers.refresh(CLIENT, SECRET, "A".repeat(64), null).statusCode(400).body("error", equalTo("invalid_grant"));
        io.restassured.RestAssured.given().auth().preemptive().basic(CLIENT, SECRET).formParam("grant_type", "refresh_token")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void oneHundredConcurrentUsesOfOneTokenGiveExactlyOneSuccess() throws Exception {
        String token = SeedUsers.refreshToken("alexchen");
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl.toString()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + token)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (var call : calls) {
            var response = call.get();
            if (response.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().contains("invalid_grant"));
            }
        }
        assertEquals(1, ok);
    }

    @Test
    void clientCredentialsClientsGetNoRefreshToken() {
        var machine = TestClients.confidential().scope("data:read").register();
        io.restassured.RestAssured.given().auth().preemptive().basic(machine.clientId(), machine.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                .body("refresh_token", equalTo(null));
    }
}
