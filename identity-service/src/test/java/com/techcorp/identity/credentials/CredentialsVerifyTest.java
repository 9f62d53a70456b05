package com.techcorp.identity.credentials;

import com.techcorp.identity.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Credential verification (test profile: lockout after 3 failures, for 2 s). */
@QuarkusTest
class CredentialsVerifyTest {

    @Test
    void rightPasswordGivesTheUsersClaims() {
        var user = TestUsers.create();
        TestUsers.verify(user.username(), user.password()).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("sub", equalTo(user.id()))
                .body("username", equalTo(user.username()))
                .body("employee_id", equalTo("TC-9999"))
                .body("groups", hasItem("employees"));
    }

    @Test
    void usernamesAreCaseInsensitive() {
        var user = TestUsers.create();
        TestUsers.verify(user.username().toUpperCase(), user.password()).statusCode(200).body("sub", equalTo(user.id()));
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccountAnswerTheSame() {
        var user = TestUsers.create();
        String wrongPassword = TestUsers.verify(user.username(), "not-the-password").statusCode(400).extract().asString();
        String unknownUser = TestUsers.verify("nobody-" + user.username(), "not-the-password").statusCode(400).extract().asString();
        TestUsers.asAdmin().post("/v1/users/" + user.id() + "/disable").then().statusCode(200);
        String disabled = TestUsers.verify(user.username(), user.password()).statusCode(400).extract().asString();
        assertEquals(wrongPassword, unknownUser);
        assertEquals(wrongPassword, disabled);
        assertEquals("{\"error\":\"invalid_credentials\",\"error_description\":\"the username or password is incorrect\"}", wrongPassword);
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        var user = TestUsers.create();
        for (int i = 0; i < 3; i++) {
            TestUsers.verify(user.username(), "wrong-" + i).statusCode(400);
        }
        // Locked: even the right password is refused, with the same body as any failure.
        TestUsers.verify(user.username(), user.password()).statusCode(400).body("error", equalTo("invalid_credentials"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> TestUsers.verify(user.username(), user.password()).extract().statusCode() == 200);
    }

    @Test
    void successResetsTheFailureCount() {
        var user = TestUsers.create();
        TestUsers.verify(user.username(), "wrong-1").statusCode(400);
        TestUsers.verify(user.username(), "wrong-2").statusCode(400);
        TestUsers.verify(user.username(), user.password()).statusCode(200);
        TestUsers.verify(user.username(), "wrong-3").statusCode(400);
        TestUsers.verify(user.username(), "wrong-4").statusCode(400);
        TestUsers.verify(user.username(), user.password()).statusCode(200);
    }

    @Test
    void passwordResetLiftsTheLock() {
        var user = TestUsers.create();
        for (int i = 0; i < 3; i++) {
            TestUsers.verify(user.username(), "wrong-" + i).statusCode(400);
        }
        TestUsers.asAdmin().contentType(ContentType.JSON).body(Map.of("password", "a-brand-new-password"))
                .post("/v1/users/" + user.id() + "/password").then().statusCode(200);
        TestUsers.verify(user.username(), "a-brand-new-password").statusCode(200);
        TestUsers.verify(user.username(), user.password()).statusCode(400);
    }

    @Test
    void malformedRequestsAreInvalidRequest() {
        TestUsers.asAuthService().contentType(ContentType.JSON).body("{\"username\":\"x\"}")
                .post("/v1/credentials/verify").then().statusCode(400).body("error", equalTo("invalid_request"));
        TestUsers.asAuthService().contentType(ContentType.JSON).body("{not json")
                .post("/v1/credentials/verify").then().statusCode(400);
        TestUsers.asAuthService().contentType(ContentType.JSON).body(Map.of("username", "x", "password", "p".repeat(300)))
                .post("/v1/credentials/verify").then().statusCode(400).body("error", equalTo("invalid_credentials"));
    }

    @Test
    void usernamesNoUserCanHaveAreRefusedLikeAWrongPassword() {
        var user = TestUsers.create();
        String wrong = TestUsers.verify(user.username(), "not-the-password").statusCode(400).extract().asString();
        for (String username : new String[]{"john\\u0000doe", "a\\tb", "x".repeat(65), "\\ud800x", "\\u0085"}) {
            TestUsers.asAuthService().contentType(ContentType.JSON)
                    .body("{\"username\":\"" + username + "\",\"password\":\"whatever\"}")
                    .post("/v1/credentials/verify").then().statusCode(400).body(equalTo(wrong));
        }
    }

    @Test
    void anAdminTokenCannotVerifyPasswords() {
        TestUsers.asAdmin().contentType(ContentType.JSON).body(Map.of("username", "x", "password", "y"))
                .post("/v1/credentials/verify").then().statusCode(403);
    }
}
