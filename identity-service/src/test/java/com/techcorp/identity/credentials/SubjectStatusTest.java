package com.techcorp.identity.credentials;

import com.techcorp.identity.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The auth-service's question "may this user still hold tokens, and who are they now": an active
 * user with their username, name and groups; a disabled or unknown one only "not active".
 */
@QuarkusTest
class SubjectStatusTest {

    @Test
    void anActiveUserComesWithWhoTheyAreNowADisabledOneWithNothing() {
        var user = TestUsers.create();
        TestUsers.asAuthService().get("/v1/subjects/" + user.id()).then().statusCode(200)
                .body("sub", equalTo(user.id())).body("active", equalTo(true))
                .body("username", equalTo(user.username())).body("groups", hasItem("employees"))
                .body("name", org.hamcrest.Matchers.notNullValue());
        TestUsers.asAdmin().post("/v1/users/" + user.id() + "/disable").then().statusCode(200);
        TestUsers.asAuthService().get("/v1/subjects/" + user.id()).then().statusCode(200)
                .body("active", equalTo(false)).body("username", nullValue()).body("groups", nullValue());
        TestUsers.asAuthService().get("/v1/subjects/not-a-uuid").then().statusCode(200).body("active", equalTo(false));
        TestUsers.asAdmin().get("/v1/subjects/" + user.id()).then().statusCode(403);
    }
}
