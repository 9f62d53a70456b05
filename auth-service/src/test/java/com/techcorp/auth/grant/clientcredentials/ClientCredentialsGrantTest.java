package com.techcorp.auth.grant.clientcredentials;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6749 §4.4 over real HTTP, with tokens checked the way a resource server checks them. */
@QuarkusTest
class ClientCredentialsGrantTest {

    @ConfigProperty(name = "auth.issuer")
    String issuer;

    @Test
    void basicAuthenticationGetsABearerTokenWithoutRefreshToken() {
        var client = TestClients.confidential().scope("data:read").register();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", is(3600))
                .body("scope", equalTo("data:read"))
                .body("access_token", notNullValue())
                .body("refresh_token", nullValue());
    }

    @Test
    void postAuthenticationWorksAsTheSeedWritesIt() {
        var client = TestClients.confidential().scope("data:read").register();
        given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + client.secret())
                .post("/oauth/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void basicCredentialsAreFormUrlDecodedBeforeComparison() {
        // RFC 6749 §2.3.1: id and secret are form-url-encoded before base64; "~" and "." stay as they are, "%7E" decodes.
        var client = TestClients.confidential().id("cc.enc~" + System.nanoTime()).scope("data:read").register();
        String encodedId = URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8).replace("~", "%7E");
        String header = "Basic " + Base64.getEncoder().encodeToString((encodedId + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", header).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200);
    }

    @Test
    void tokenIsAnRfc9068JwtThatVerifiesAgainstTheJwks() throws Exception {
        var client = TestClients.confidential().scope("data:read reports:read").register();
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");

        var header = Jwks.header(token);
        assertEquals("at+jwt", header.getHeader("typ"));
        assertEquals("RS256", header.getAlgorithmHeaderValue());
        assertNotNull(header.getKeyIdHeaderValue());

        var claims = Jwks.verify(token);
        assertEquals(issuer, claims.getIssuer());
        assertEquals(client.clientId(), claims.getSubject());
        assertEquals(client.clientId(), claims.getClaimValue("client_id"));
        assertEquals("data:read reports:read", claims.getClaimValue("scope"));
        assertEquals(List.of("data-service", "report-service"), claims.getAudience());
        assertNotNull(claims.getJwtId());
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void omittedScopeMeansTheClientsDefaultScopes() throws Exception {
        var client = TestClients.confidential().scope("data:read reports:read").defaultScope("reports:read").register();
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200)
                .body("scope", equalTo("reports:read")).extract().path("access_token");
        assertEquals(List.of("report-service"), Jwks.verify(token).getAudience());
    }

    @Test
    void requestedScopeIsNarrowedToWhatWasAsked() throws Exception {
        var client = TestClients.confidential().scope("data:read reports:read").register();
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").formParam("scope", "data:read")
                .post("/oauth/token").then().statusCode(200)
                .body("scope", equalTo("data:read")).extract().path("access_token");
        assertEquals(List.of("data-service"), Jwks.verify(token).getAudience());
    }

    @Test
    void scopeOutsideTheClientsSetIsInvalidScope() {
        var client = TestClients.confidential().scope("data:read").register();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").formParam("scope", "data:read payslips:read")
                .post("/oauth/token").then().statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void perClientLifetimeSetsExpiresIn() {
        var client = TestClients.confidential().scope("data:read").accessTokenLifetime(300).register();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).body("expires_in", is(300));
    }

    @Test
    void eachTokenHasItsOwnJti() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        String first = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        String second = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        assertTrue(!Jwks.verify(first).getJwtId().equals(Jwks.verify(second).getJwtId()));
    }
}
