package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.SeedUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A client may ask for what it is registered for; a user gets only the scopes their groups entitle
 * them to (auth.user-scope-groups): the mobile app may ask for hr:read, only HR gets it, and a
 * refresh does not bring it back.
 */
@QuarkusTest
class UserScopeGroupsTest {

    private static ValidatableResponse login(String username, String scope) {
        return given().formParam("grant_type", "password").formParam("username", username).formParam("password", "secret123")
                .formParam("scope", scope).formParam("client_id", SeedUsers.PORTAL_CLIENT).formParam("client_secret", SeedUsers.PORTAL_SECRET)
                .post("/oauth/token").then();
    }

    @Test
    void aUserGetsOnlyTheScopesOfTheirGroups() {
        login("janesmith", "payslips:read hr:read").statusCode(200).body("scope", equalTo("payslips:read hr:read"));
        String refresh = login("johndoe", "payslips:read hr:read").statusCode(200).body("scope", equalTo("payslips:read"))
                .extract().path("refresh_token");
        String rotated = SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, refresh, null).statusCode(200)
                .body("scope", equalTo("payslips:read")).extract().path("refresh_token");
        SeedUsers.refresh(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET, rotated, "hr:read").statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void aUserEntitledToNoneOfTheScopesAskedForIsInvalidScope() {
        login("johndoe", "hr:read").statusCode(400).body("error", equalTo("invalid_scope"));
    }
}
