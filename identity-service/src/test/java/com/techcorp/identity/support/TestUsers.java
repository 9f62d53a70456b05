package com.techcorp.identity.support;

import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Users created through the real admin API, each with a unique name. */
public final class TestUsers {

    private TestUsers() {
    }

    public record Created(String id, String username, String password) {
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.client("auth-admin-cli").scope("identity:admin").audience("identity-service").sign());
    }

    public static RequestSpecification asAuthService() {
        return given().auth().oauth2(TestTokens.client("auth-service").scope("identity:verify").audience("identity-service").sign());
    }

    public static Created create() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        String id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "display_name", "Test User",
                        "employee_id", "TC-9999", "groups", List.of("employees")))
                .post("/v1/users").then().statusCode(201).extract().path("id");
        return new Created(id, username, password);
    }

    public static io.restassured.response.ValidatableResponse verify(String username, String password) {
        return asAuthService().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/v1/credentials/verify").then();
    }

    /** A verification as the auth-service asks for it: with the address the user signs in from. */
    public static io.restassured.response.ValidatableResponse verifyFrom(String address, String username, String password) {
        return asAuthService().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "client_address", address))
                .post("/v1/credentials/verify").then();
    }
}
