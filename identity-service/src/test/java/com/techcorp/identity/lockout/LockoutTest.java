package com.techcorp.identity.lockout;

import com.techcorp.identity.support.TestUsers;
import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lockout counts per username and client address, reserves each attempt before its hash, and
 * holds under parallel guesses (test profile: 3 failures per pair, ceiling 6 per username, 2 s).
 */
@QuarkusTest
class LockoutTest {

    private static final int MAX_FAILURES = 3;

    @TestHTTPResource("/v1/credentials/verify")
    URL verifyUrl;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void failuresLockTheUsernameOnlyForTheAddressTheyCameFrom() {
        var user = TestUsers.create();
        for (int i = 0; i < MAX_FAILURES; i++) {
            TestUsers.verifyFrom("203.0.113.7", user.username(), "wrong-" + i).statusCode(400);
        }
        TestUsers.verifyFrom("203.0.113.7", user.username(), user.password()).statusCode(400).body("error", equalTo("invalid_credentials"));
        // The user, from anywhere else, is not locked out by somebody guessing from there.
        TestUsers.verifyFrom("198.51.100.20", user.username(), user.password()).statusCode(200);
    }

    @Test
    void fiftyParallelGuessesAreVerifiedAtMostTheLimitAndLockTheirAddress() throws Exception {
        var user = TestUsers.create();
        double hashesBefore = hashes();
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            guesses.add(verifyAsync("203.0.113.50", user.username(), "guess-" + i));
        }
        for (var guess : guesses) {
            // Refused (400), or turned away while every hashing thread was busy (503): never accepted.
            int status = guess.join().statusCode();
            assertTrue(status == 400 || status == 503, guess.join().body());
        }
        double verified = hashes() - hashesBefore;
        assertTrue(verified <= MAX_FAILURES, verified + " passwords were hashed for 50 parallel guesses");
        TestUsers.verifyFrom("203.0.113.50", user.username(), user.password()).statusCode(400);
        TestUsers.verifyFrom("198.51.100.50", user.username(), user.password()).statusCode(200);
    }

    @Test
    void theRightPasswordAmongParallelGuessesGetsNoMoreThanTheLimitOfTries() throws Exception {
        var user = TestUsers.create();
        double hashesBefore = hashes();
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            guesses.add(verifyAsync("203.0.113.8", user.username(), "guess-" + i));
        }
        guesses.add(verifyAsync("203.0.113.8", user.username(), user.password()));
        long accepted = guesses.stream().filter(g -> g.join().statusCode() == 200).count();
        boolean allChecked = guesses.stream().noneMatch(g -> g.join().statusCode() == 503);
        assertTrue(accepted <= 1);
        if (accepted == 0 && allChecked) {
            // The right password was not among the tries it was allowed: no more were hashed, and the address is locked.
            assertTrue(hashes() - hashesBefore <= MAX_FAILURES, "more passwords hashed than the limit");
            TestUsers.verifyFrom("203.0.113.8", user.username(), user.password()).statusCode(400);
        }
        // Else the right password was among them: a success starts the count again, as it does for anyone.
    }

    @Test
    void aLookAlikeUsernameNamesNobodySoItCannotGetGuessesOfItsOwn() {
        // PostgreSQL lower-cases İ (U+0130) to i, Java to i + U+0307: "kİm" found the account "kim"
        // under a lockout key of its own, one more set of guesses per i (found by a review).
        String name = "kim-" + System.nanoTime();
        TestUsers.asAdmin().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("username", name, "password", "a-long-password", "display_name", "Kim"))
                .post("/v1/users").then().statusCode(201);
        TestUsers.verifyFrom("203.0.113.11", name, "a-long-password").statusCode(200);
        for (String alike : List.of(name.replace("i", "\u0130"), name.replace("k", "\u212a"), name.toUpperCase().replace("I", "\u0131"))) {
            TestUsers.verifyFrom("203.0.113.11", alike, "a-long-password").statusCode(400).body("error", equalTo("invalid_credentials"));
        }
    }

    @Test
    void unknownUsernamesAreCountedLikeRealOnes() {
        // Locked or not, an unknown name answers like a real one: a lockout tells nothing about who exists.
        String unknown = "nobody-" + System.nanoTime();
        for (int i = 0; i < MAX_FAILURES + 2; i++) {
            TestUsers.verifyFrom("203.0.113.9", unknown, "wrong-" + i).statusCode(400).body("error", equalTo("invalid_credentials"));
        }
    }

    @Test
    void metricsDoNotTellUnknownUsersFromWrongPasswords() {
        var user = TestUsers.create();
        TestUsers.verifyFrom("203.0.113.10", user.username(), "wrong").statusCode(400);
        TestUsers.verifyFrom("203.0.113.10", "nobody-" + System.nanoTime(), "wrong").statusCode(400);
        String metrics = given().baseUri("http://localhost").port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher outcomes = Pattern.compile("identity_credentials_verified_total\\{outcome=\"([^\"]+)\"}").matcher(metrics);
        while (outcomes.find()) {
            assertTrue(List.of("success", "refused").contains(outcomes.group(1)), "metric outcome " + outcomes.group(1));
        }
        assertTrue(metrics.contains("outcome=\"refused\""));
    }

    private double hashes() {
        String metrics = given().baseUri("http://localhost").port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("identity_password_verification_seconds_count(?:\\{[^}]*})? ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private CompletableFuture<HttpResponse<String>> verifyAsync(String address, String username, String password) throws Exception {
        String token = TestTokens.client("auth-service").scope("identity:verify").audience("identity-service").sign();
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"client_address\":\"" + address + "\"}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(verifyUrl.toString()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
