package com.techcorp.data.sales;

import com.techcorp.oauth.tokenvalidation.testkit.TestSecurityEvents;
import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The resource server applies the auth-service's security events (served here by the test
 * issuer's poll endpoint): a genuine SET revoking a token's jti makes it a 401, also on the fast
 * path of a token verified a moment ago; a forged SET is ignored, and an event revokes only what
 * it names.
 */
@QuarkusTest
class RevokedTokensTest {

    private static int data(String token) {
        return given().auth().oauth2(token).get("/data").then().extract().statusCode();
    }

    private static String jti(String token) throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(token);
        return JwtClaims.parse(jws.getUnverifiedPayload()).getJwtId();
    }

    private static String token() {
        return TestTokens.client("report_service_id").scope("data:read").audience("data-service").sign();
    }

    @Test
    void aGenuineEventRevokesTheTokenItNamesAndNothingElse() throws Exception {
        String revoked = token();
        String bystander = token();
        assertEquals(200, data(revoked)); // verified once: now on the fast path
        assertEquals(200, data(bystander));
        long exp = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        TestSecurityEvents.publish(TestSecurityEvents.tokenRevoked(jti(revoked), exp));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> data(revoked) == 401);
        assertEquals(200, data(bystander));
    }

    @Test
    void aForgedEventIsIgnored() throws Exception {
        String target = token();
        assertEquals(200, data(target));
        long exp = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        TestSecurityEvents.publish(TestSecurityEvents.forgedTokenRevoked(jti(target), exp));
        // A marker after the forgery: once it has taken effect, the forgery has been read too.
        String marker = token();
        assertEquals(200, data(marker));
        TestSecurityEvents.publish(TestSecurityEvents.tokenRevoked(jti(marker), exp));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> data(marker) == 401);
        assertEquals(200, data(target));
    }
}
