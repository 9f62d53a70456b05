package com.techcorp.auth.support;

import io.restassured.http.ContentType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Registers clients through the real admin API, builder style:
 * {@code TestClients.confidential().grants("client_credentials").scope("data:read").register()}.
 * Every client gets a unique id, so tests never share state.
 */
public final class TestClients {

    /** The bootstrap admin of the test profile (application.properties, %test). */
    public static final String ADMIN_ID = "bootstrap-admin";
    public static final String ADMIN_SECRET = "test-only-bootstrap-secret";

    private final Map<String, Object> body = new LinkedHashMap<>();

    private TestClients(boolean confidential) {
        body.put("client_id", "test-" + UUID.randomUUID().toString().substring(0, 12));
        body.put("confidential", confidential);
        body.put("grant_types", List.of("client_credentials"));
    }

    public static TestClients confidential() {
        return new TestClients(true);
    }

    public static TestClients publicClient() {
        return new TestClients(false);
    }

    public TestClients id(String clientId) {
        body.put("client_id", clientId);
        return this;
    }

    public TestClients grants(String... grantTypes) {
        body.put("grant_types", new ArrayList<>(List.of(grantTypes)));
        return this;
    }

    public TestClients scope(String scope) {
        body.put("scope", scope);
        return this;
    }

    public TestClients defaultScope(String scope) {
        body.put("default_scope", scope);
        return this;
    }

    public TestClients redirectUris(String... uris) {
        body.put("redirect_uris", List.of(uris));
        return this;
    }

    public TestClients postLogoutRedirectUris(String... uris) {
        body.put("post_logout_redirect_uris", List.of(uris));
        return this;
    }

    public TestClients firstParty(boolean firstParty) {
        body.put("first_party", firstParty);
        return this;
    }

    public TestClients allowPlainPkce() {
        body.put("allow_plain_pkce", true);
        return this;
    }

    public TestClients accessTokenLifetime(int seconds) {
        body.put("access_token_lifetime", seconds);
        return this;
    }

    public Registered register() {
        var response = given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .post("/admin/clients").then().statusCode(201).extract();
        return new Registered(response.path("client_id"), response.path("client_secret"));
    }

    /** A registered client and its secret (null for a public client). */
    public record Registered(String clientId, String secret) {
    }

    public static String adminToken() {
        return given().auth().preemptive().basic(ADMIN_ID, ADMIN_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }
}
