package com.techcorp.auth.keys;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ES256 by configuration. Starting on a database whose keys are RS256 (the profile restarts the
 * service on the same schema), the next key is ES256: switching algorithms is a rotation.
 */
@QuarkusTest
@TestProfile(Es256SigningTest.Es256.class)
class Es256SigningTest {

    public static class Es256 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "ES256", "quarkus.flyway.clean-at-start", "false");
        }
    }

    @Test
    void tokensAreSignedWithAnEs256KeyOnceItIsActive() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        var rotation = given().auth().oauth2(TestClients.adminToken()).post("/admin/keys/rotate")
                .then().statusCode(200).extract();
        Instant activeFrom = Instant.parse(rotation.path("active_from"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(activeFrom));
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");
        assertEquals("ES256", Jwks.header(token).getAlgorithmHeaderValue());
        assertEquals(client.clientId(), Jwks.verify(token).getSubject());
    }
}
