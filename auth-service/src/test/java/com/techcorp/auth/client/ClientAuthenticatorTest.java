package com.techcorp.auth.client;

import com.techcorp.auth.support.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A verified secret is remembered, so repeated token requests do not each pay an Argon2 hash. */
@QuarkusTest
class ClientAuthenticatorTest {

    @Inject
    MeterRegistry registry;

    private double verifications() {
        return registry.get("oauth.client.secret.verifications").counter().count();
    }

    private static int tokenRequest(String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().extract().statusCode();
    }

    @Test
    void theSameSecretIsHashedOnceAndARotatedSecretMissesTheCache() {
        var client = TestClients.confidential().scope("data:read").register();
        double before = verifications();
        assertEquals(200, tokenRequest(client.clientId(), client.secret()));
        assertEquals(200, tokenRequest(client.clientId(), client.secret()));
        assertEquals(200, tokenRequest(client.clientId(), client.secret()));
        assertEquals(before + 1, verifications(), "one Argon2 verification for three requests");

        String rotated = given().auth().oauth2(TestClients.adminToken())
                .post("/admin/clients/" + client.clientId() + "/secret")
                .then().statusCode(200).extract().path("client_secret");
        assertEquals(401, tokenRequest(client.clientId(), client.secret()), "the old secret stops working at once");
        assertEquals(200, tokenRequest(client.clientId(), rotated));
        assertEquals(200, tokenRequest(client.clientId(), rotated));
    }

    @Test
    void wrongSecretsAreNeverRemembered() {
        var client = TestClients.confidential().scope("data:read").register();
        double before = verifications();
        assertEquals(401, tokenRequest(client.clientId(), "wrong"));
        assertEquals(401, tokenRequest(client.clientId(), "wrong"));
        assertEquals(before + 2, verifications());
    }
}
