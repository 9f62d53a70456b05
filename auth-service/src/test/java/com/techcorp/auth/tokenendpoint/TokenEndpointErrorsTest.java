package com.techcorp.auth.tokenendpoint;

import com.techcorp.auth.client.ClientEntity;
import com.techcorp.auth.client.SecretHasher;
import com.techcorp.auth.support.TestClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal of the token endpoint named in DESIGN.md: its RFC 6749 §5.2 code, status, headers
 * and JSON body, and never a stack trace, an HTML page or a 500.
 */
@QuarkusTest
class TokenEndpointErrorsTest {

    @Inject
    SecretHasher hasher;

    @TestHTTPResource("/oauth/token")
    URL tokenUrl;

    private TestClients.Registered client;

    @BeforeEach
    void registerClient() {
        client = TestClients.confidential().scope("data:read").register();
    }

    private static ValidatableResponse isError(ValidatableResponse response, int status, String error) {
        return response.statusCode(status)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body(not(containsString("Exception")))
                .body(not(containsString("<html")));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&grant_type=client_credentials")
                .post("/oauth/token").then(), 400, "invalid_request");
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=data:read&scope=data:read")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("scope", "data:read").post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "urn:example:nope").post("/oauth/token").then(), 400, "unsupported_grant_type");
    }

    @Test
    void jsonBodyIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void multipartBodyIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .multiPart("grant_type", "client_credentials")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void malformedContentTypeIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .body("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void bodyWithoutContentTypeIsInvalidRequest() throws Exception {
        // REST Assured always sends a Content-Type; java.net.http sends none unless told.
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(tokenUrl.toString()))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"invalid_request\""), response.body());
    }

    @Test
    void getIsMethodNotAllowedWithAllowPost() {
        isError(given().get("/oauth/token").then(), 405, "invalid_request").header("Allow", "POST");
    }

    @Test
    void oversizedBodyIs413WithJsonError() {
        String big = "grant_type=client_credentials&pad=" + "a".repeat(70_000);
        isError(given().contentType("application/x-www-form-urlencoded").body(big)
                .post("/oauth/token").then(), 413, "invalid_request");
    }

    @Test
    void basicAndBodyCredentialsTogetherAreInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId())
                .formParam("client_secret", client.secret())
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void basicWithADifferentBodyClientIdIsInvalidRequest() {
        isError(given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "someone-else")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void wrongSecretIsInvalidClientWithBasicChallenge() {
        invalidClient(given().auth().preemptive().basic(client.clientId(), "wrong")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then());
        invalidClient(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId()).formParam("client_secret", "wrong")
                .post("/oauth/token").then());
    }

    @Test
    void unknownClientIsInvalidClient() {
        invalidClient(given().auth().preemptive().basic("no-such-client", "whatever")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then());
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        invalidClient(given().formParam("grant_type", "client_credentials").post("/oauth/token").then());
    }

    @Test
    void confidentialClientWithoutSecretIsInvalidClient() {
        invalidClient(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client.clientId()).post("/oauth/token").then());
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        invalidClient(given().header("Authorization", "Basic !!!not-base64")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then());
        String noColon = Base64.getEncoder().encodeToString("just-an-id".getBytes(StandardCharsets.UTF_8));
        invalidClient(given().header("Authorization", "Basic " + noColon)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then());
    }

    @Test
    void disabledClientIsInvalidClient() {
        given().auth().oauth2(TestClients.adminToken()).post("/admin/clients/" + client.clientId() + "/disable")
                .then().statusCode(200);
        invalidClient(given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then());
    }

    @Test
    void grantTheClientIsNotRegisteredForIsUnauthorizedClient() throws Throwable {
        // Like the seed's portal client: registered for the password grant only. Written straight into
        // the real table because the admin API accepts only grants this build serves.
        String clientId = "password-only-" + System.nanoTime();
        VertxContextSupport.subscribeAndAwait(() -> hasher.hash("portal-secret").flatMap(hash -> {
            ClientEntity e = new ClientEntity();
            e.clientId = clientId;
            e.secretHash = hash;
            e.confidential = true;
            e.grantTypes = "password";
            e.allowedScopes = "payslips:read";
            e.defaultScopes = "payslips:read";
            e.redirectUris = "";
            e.accessTokenLifetimeSeconds = 3600;
            e.refreshTokenLifetimeSeconds = 3600;
            e.enabled = true;
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            return Panache.withTransaction(e::persist);
        }));
        isError(given().auth().preemptive().basic(clientId, "portal-secret")
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then(), 400, "unauthorized_client");
    }

    @Test
    void publicClientsCannotBeRegisteredForClientCredentials() {
        given().auth().oauth2(TestClients.adminToken()).contentType("application/json")
                .body("{\"client_id\":\"public-cc-" + System.nanoTime() + "\",\"confidential\":false,"
                        + "\"grant_types\":[\"client_credentials\"],\"scope\":\"data:read\"}")
                .post("/admin/clients").then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    private static void invalidClient(ValidatableResponse response) {
        isError(response, 401, "invalid_client").header("WWW-Authenticate", startsWith("Basic realm=\""));
    }
}
