package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.SeedUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of logins larger than the identity-service's hashing capacity: what it can hash is
 * served, the rest is told at once to come back (503 with Retry-After), and busy is not down, so
 * the circuit breaker stays closed and the next login right after is served. Before, the excess
 * queued past the 1 s timeout, four timeouts opened the breaker, and everybody got 503 for 5 s.
 */
@QuarkusTest
class LoginBurstTest {

    @TestHTTPResource("/oauth/token")
    URL tokenUrl;

    @Test
    void aBurstIsServedAtCapacityAndTheExcessIsToldToRetry() {
        // Cold connections and code on both sides are another matter (a start-up's, not a burst's).
        await().atMost(Duration.ofSeconds(30)).until(() -> SeedUsers.passwordGrant("samokafor", "secret123").extract().statusCode() == 200);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            burst.add(http.sendAsync(HttpRequest.newBuilder(URI.create(tokenUrl.toString()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    // Employees signing in from their own addresses, through the ingress.
                    .header("X-Forwarded-For", "10.20." + (i / 200) + "." + (i % 200 + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=samokafor&password=secret123"
                            + "&client_id=" + SeedUsers.PORTAL_CLIENT + "&client_secret=" + SeedUsers.PORTAL_SECRET)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int served = 0;
        int toldToRetry = 0;
        for (var answer : burst) {
            HttpResponse<String> r = answer.join();
            if (r.statusCode() == 200) {
                served++;
            } else {
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"temporarily_unavailable\""), r.body());
                assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElse("0")) >= 1, "Retry-After");
                toldToRetry++;
            }
        }
        assertTrue(served >= 2, served + " served");
        assertTrue(toldToRetry >= 1, "a burst of 64 on two hashing threads is more than they can take in half a second");
        for (int i = 0; i < 5; i++) {
            SeedUsers.passwordGrant("samokafor", "secret123").statusCode(200);
        }
    }
}
