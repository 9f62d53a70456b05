package com.techcorp.identity.user;

import com.techcorp.identity.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class UserAdminTest {

    @Test
    void createdUserIsListedWithoutAnyPasswordOrHash() {
        var user = TestUsers.create();
        TestUsers.asAdmin().get("/v1/users/" + user.id()).then().statusCode(200)
                .body("username", equalTo(user.username()))
                .body("enabled", equalTo(true))
                .body(not(containsString(user.password())))
                .body(not(containsString("argon2")));
        TestUsers.asAdmin().queryParam("page", 42949673).get("/v1/users").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        TestUsers.asAdmin().queryParam("size", 200).get("/v1/users").then().statusCode(200)
                .body("id", hasItem(user.id()))
                .body(not(containsString("argon2")));
    }

    @Test
    void usernamesAreUniqueRegardlessOfCase() {
        var user = TestUsers.create();
        TestUsers.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", user.username().toUpperCase(), "password", "another-password"))
                .post("/v1/users").then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void invalidUsernamesAndPasswordsAreRefused() {
        String[][] cases = {{"ab", "long-enough-password"}, {"has space", "long-enough-password"},
                {"valid-name-1", ""}, {"valid-name-2", "short"}, {"valid-name-3", "x".repeat(300)},
                {"valid-name-4", "          "}};
        for (String[] c : cases) {
            TestUsers.asAdmin().contentType(ContentType.JSON).body(Map.of("username", c[0], "password", c[1]))
                    .post("/v1/users").then().statusCode(400).body("error", equalTo("invalid_request"))
                    .body(not(containsString(c[1].isBlank() ? "\u0000" : c[1])));
        }
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        TestUsers.asAdmin().get("/v1/users/6f1c2a0e-0000-0000-0000-000000000000").then().statusCode(404);
        TestUsers.asAdmin().get("/v1/users/not-a-uuid").then().statusCode(404);
    }

    @Test
    void theVerifyScopeCannotAdministerUsers() {
        TestUsers.asAuthService().get("/v1/users").then().statusCode(403);
    }
}
