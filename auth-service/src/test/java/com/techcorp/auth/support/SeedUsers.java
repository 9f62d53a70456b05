package com.techcorp.auth.support;

import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** The source documents' mobile-app login, against the demo data of both services. */
public final class SeedUsers {

    public static final String PORTAL_CLIENT = "techcorp_employee_portal";
    public static final String PORTAL_SECRET = "super_secret";
    public static final String JOHNDOE_SUB = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01";

    private SeedUsers() {
    }

    public static ValidatableResponse passwordGrant(String username, String password) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .formParam("client_id", PORTAL_CLIENT).formParam("client_secret", PORTAL_SECRET)
                .post("/oauth/token").then();
    }

    /** A demo user's refresh token (every demo password is secret123). */
    public static String refreshToken(String username) {
        return passwordGrant(username, "secret123").statusCode(200).extract().path("refresh_token");
    }

    public static ValidatableResponse refresh(String clientId, String secret, String refreshToken, String scope) {
        var spec = given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken);
        if (scope != null) {
            spec = spec.formParam("scope", scope);
        }
        return spec.post("/oauth/token").then();
    }
}
