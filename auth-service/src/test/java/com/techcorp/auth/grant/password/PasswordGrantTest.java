package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** RFC 6749 §4.3 with the real identity-service behind it (test lockout: 3 failures, 3 s). */
@QuarkusTest
class PasswordGrantTest {

    @Test
    void theSeedsRequestWorksAsWritten() throws Exception {
        String token = given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=password&username=johndoe&password=secret123&client_id=techcorp_employee_portal&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("refresh_token", notNullValue())
                .body("scope", equalTo("payslips:read leave:read"))
                .extract().path("access_token");
        var claims = Jwks.verify(token);
        assertEquals(SeedUsers.JOHNDOE_SUB, claims.getSubject());
        assertEquals("johndoe", claims.getClaimValue("preferred_username"));
        assertEquals("techcorp_employee_portal", claims.getClaimValue("client_id"));
        assertEquals(List.of("employee-portal-api"), claims.getAudience());
        assertNotNull(claims.getStringListClaimValue("groups"));
    }

    @Test
    void basicAuthenticationWorksToo() {
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET)
                .formParam("grant_type", "password").formParam("username", "janesmith").formParam("password", "secret123")
                .formParam("scope", "payslips:read")
                .post("/oauth/token").then().statusCode(200).body("scope", equalTo("payslips:read"));
    }

    @Test
    void wrongPasswordAndUnknownUserAnswerTheSame() {
        String wrong = SeedUsers.passwordGrant("alexchen", "not-his-password").statusCode(400).extract().asString();
        String unknown = SeedUsers.passwordGrant("nobody-" + UUID.randomUUID(), "whatever").statusCode(400).extract().asString();
        assertEquals(wrong, unknown);
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"the username or password is incorrect\"}", wrong);
    }

    @Test
    void lockoutAtTheIdentityServiceAndUnlockAfterItsDuration() {
        for (int i = 0; i < 3; i++) {
            SeedUsers.passwordGrant("mariagarcia", "wrong-" + i).statusCode(400);
        }
        SeedUsers.passwordGrant("mariagarcia", "secret123").statusCode(400).body("error", equalTo("invalid_grant"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> SeedUsers.passwordGrant("mariagarcia", "secret123").extract().statusCode() == 200);
    }

    @Test
    void theIdentityServicesLockoutHoldsOnlyForTheAddressTheGuessesCameFrom() {
        // Anyone could lock any account with a few wrong passwords before; now only for themselves.
        for (int i = 0; i < 3; i++) {
            fromAddress("192.0.2.77", "priyanair", "wrong-" + i).statusCode(400);
        }
        fromAddress("192.0.2.77", "priyanair", "secret123").statusCode(400).body("error", equalTo("invalid_grant"));
        fromAddress("192.0.2.78", "priyanair", "secret123").statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse fromAddress(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .post("/oauth/token").then();
    }

    @Test
    void repeatedFailuresForOneUsernameAreRateLimited() {
        String username = "flood-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            SeedUsers.passwordGrant(username, "guess-" + i).statusCode(400);
        }
        SeedUsers.passwordGrant(username, "guess-11").statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void missingCredentialsAreInvalidRequest() {
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET)
                .formParam("grant_type", "password").formParam("username", "johndoe")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void aClientNotRegisteredForPasswordIsRefusedBeforeAnyPasswordCheck() {
        var machine = TestClients.confidential().scope("data:read").register();
        given().auth().preemptive().basic(machine.clientId(), machine.secret())
                .formParam("grant_type", "password").formParam("username", "johndoe").formParam("password", "secret123")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void aWrongClientSecretIsRefusedBeforeAnyPasswordCheck() {
        given().formParam("grant_type", "password").formParam("username", "johndoe").formParam("password", "secret123")
                .formParam("client_id", SeedUsers.PORTAL_CLIENT).formParam("client_secret", "wrong")
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void scopeOutsideTheClientsSetIsInvalidScope() {
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET)
                .formParam("grant_type", "password").formParam("username", "johndoe").formParam("password", "secret123")
                .formParam("scope", "data:read")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }
}
