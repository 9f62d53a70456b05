package com.techcorp.identity.lockout;

import com.techcorp.identity.support.TestUsers;
import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst beyond the hashing threads is refused at once with 503 + Retry-After, and what is
 * admitted is answered: one hashing thread that may not queue at all, so the second of two
 * parallel verifications is always turned away.
 */
@QuarkusTest
@TestProfile(HashingAdmissionTest.OneThreadNoQueue.class)
class HashingAdmissionTest {

    public static class OneThreadNoQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("identity.verification.threads", "1", "identity.verification.max-wait", "PT0S");
        }
    }

    @TestHTTPResource("/v1/credentials/verify")
    URL verifyUrl;

    @Test
    void aBurstBeyondTheHashingThreadsIsRefusedAtOnceAndTheRestIsServed() {
        var user = TestUsers.create();
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.client("auth-service").scope("identity:verify").audience("identity-service").sign();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = "{\"username\":\"" + user.username() + "\",\"password\":\"" + user.password()
                    + "\",\"client_address\":\"198.51.100." + i + "\"}";
            burst.add(http.sendAsync(HttpRequest.newBuilder(URI.create(verifyUrl.toString()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int served = 0;
        int refused = 0;
        for (var answer : burst) {
            HttpResponse<String> r = answer.join();
            if (r.statusCode() == 200) {
                served++;
            } else {
                assertEquals(503, r.statusCode(), r.body());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                assertTrue(r.body().contains("\"temporarily_unavailable\""), r.body());
                refused++;
            }
        }
        assertTrue(served >= 1 && refused >= 1, served + " served, " + refused + " refused");
        // Busy is not broken: once the burst is over, the next one is served.
        TestUsers.verifyFrom("198.51.100.99", user.username(), user.password()).statusCode(200);
    }
}
