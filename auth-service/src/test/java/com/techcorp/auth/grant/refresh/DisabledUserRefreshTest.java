package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.support.IdentityServiceProcess;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A user disabled at the identity-service cannot refresh (test profile: the auth-service asks again
 * after 1 s), and the family is gone even once the user is enabled again.
 */
@QuarkusTest
class DisabledUserRefreshTest {

    @ConfigProperty(name = "quarkus.rest-client.identity.url")
    String identityUrl;

    private String identityAdminToken() {
        var admin = TestClients.confidential().scope("identity:admin").register();
        return given().auth().preemptive().basic(admin.clientId(), admin.secret()).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private void setEnabled(String token, String sub, boolean enabled) {
        given().baseUri(identityUrl).auth().oauth2(token).post("/v1/users/" + sub + (enabled ? "/enable" : "/disable"))
                .then().statusCode(200);
    }

    @Test
    void aDisabledUserLosesTheirRefreshTokens() {
        String admin = identityAdminToken();
        String sub = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06"; // priyanair
        String token = SeedUsers.refreshToken("priyanair");
        token = SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, token, null).statusCode(200)
                .extract().path("refresh_token");
        setEnabled(admin, sub, false);
        try {
            String last = token;
            await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
            SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, last, null).statusCode(400)
                    .body("error", equalTo("invalid_grant"));
        } finally {
            setEnabled(admin, sub, true);
        }
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
        SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, token, null).statusCode(400);
        SeedUsers.passwordGrant("priyanair", "secret123").statusCode(200);
    }

    /**
     * Two devices of one user; the user is disabled, and one device's refresh learns it. Then the
     * identity-service freezes and the check interval passes: the other device's refresh is still
     * refused on the last answer (before: a failed check counted as active, so it went through).
     */
    @Test
    void aDisabledUserStaysRefusedWhileTheIdentityServiceCannotBeAsked() {
        String admin = identityAdminToken();
        String sub = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06"; // priyanair
        String phone = SeedUsers.refreshToken("priyanair");
        String tablet = SeedUsers.refreshToken("priyanair");
        setEnabled(admin, sub, false);
        try {
            await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
            SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, phone, null).statusCode(400);
            IdentityServiceProcess.signal("STOP");
            try {
                await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
                SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, tablet, null).statusCode(400)
                        .body("error", equalTo("invalid_grant"));
            } finally {
                IdentityServiceProcess.signal("CONT");
            }
        } finally {
            setEnabled(admin, sub, true);
        }
    }
}
