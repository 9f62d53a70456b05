package com.techcorp.auth.admin;

import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.support.TestClients;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client registry's admin API, and its refusal of callers without scope auth:admin (RFC 6750 §3.1). */
@QuarkusTest
class AdminApiTest {

    @Inject
    KeyRing ring;

    @ConfigProperty(name = "auth.issuer")
    String issuer;

    @Test
    void noTokenIsABareBearerChallenge() {
        var challenges = given().get("/admin/clients").then().statusCode(401).extract().headers().getValues("WWW-Authenticate");
        // One challenge, without an error code (RFC 6750 §3.1); there was a second one naming invalid_token.
        assertEquals(List.of("Bearer realm=\"oauth\""), challenges);
    }

    @Test
    void aRevokedAdministratorTokenStopsWorkingAtOnce() {
        String admin = TestClients.adminToken();
        given().auth().oauth2(admin).get("/admin/clients").then().statusCode(200);
        given().auth().preemptive().basic(TestClients.ADMIN_ID, TestClients.ADMIN_SECRET).formParam("token", admin)
                .post("/oauth/revoke").then().statusCode(200);
        given().auth().oauth2(admin).get("/admin/clients").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void grantTypesWithANullEntryAreInvalidMetadata() {
        given().auth().oauth2(TestClients.adminToken()).contentType("application/json")
                .body("{\"client_id\":\"null-grant-1\",\"grant_types\":[\"client_credentials\",null]}")
                .post("/admin/clients").then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void garbageTokenIsInvalidToken() {
        given().auth().oauth2("not.a.jwt").get("/admin/clients").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void tokenForAnotherAudienceIsInvalidToken() {
        var client = TestClients.confidential().scope("data:read").register();
        String token = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        given().auth().oauth2(token).get("/admin/clients").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void tokenWithoutAdminScopeIsInsufficientScope() {
        // The token endpoint never puts aud auth-service without auth:admin, so sign one with the real key.
        String token = signed("data:read", "at+jwt");
        given().auth().oauth2(token).get("/admin/clients").then().statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"auth:admin\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void tokenWithoutTheAccessTokenTypeIsInvalidToken() {
        // RFC 9068 §4: a JWT of another type (an ID token, say) is not an access token.
        given().auth().oauth2(signed("auth:admin", "JWT")).get("/admin/clients").then().statusCode(401);
    }

    private String signed(String scope, String type) {
        var key = ring.signingKey(Instant.now());
        return Jwt.claims().issuer(issuer).subject("someone").audience("auth-service").claim("scope", scope)
                .expiresIn(60).jws().type(type).keyId(key.kid()).algorithm(key.algorithm().jws()).sign(key.privateKey());
    }

    @Test
    void adminScopeWithAnotherAudienceInTheSameTokenIsAccepted() {
        var other = TestClients.confidential().scope("auth:admin data:read").register();
        String token = given().auth().preemptive().basic(other.clientId(), other.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        given().auth().oauth2(token).get("/admin/clients").then().statusCode(200);
    }

    @Test
    void createShowsTheSecretOnceAndNeverAgain() {
        var client = TestClients.confidential().scope("data:read reports:read").defaultScope("data:read").register();
        assertTrue(client.secret().length() >= 43, "256 random bits, base64url");
        String admin = TestClients.adminToken();
        given().auth().oauth2(admin).get("/admin/clients/" + client.clientId()).then().statusCode(200)
                .body("client_id", equalTo(client.clientId()))
                .body("scope", equalTo("data:read reports:read"))
                .body("default_scope", equalTo("data:read"))
                .body("client_secret", nullValue())
                .body(not(containsString(client.secret())));
        given().auth().oauth2(admin).get("/admin/clients").then().statusCode(200)
                .body("client_id", hasItem(client.clientId()))
                .body(not(containsString(client.secret())))
                .body(not(containsString("argon2")));
    }

    @Test
    void updateChangesWhatATokenMayCarry() {
        var client = TestClients.confidential().scope("data:read").register();
        given().auth().oauth2(TestClients.adminToken()).contentType(ContentType.JSON)
                .body("{\"scope\":\"data:read reports:read\",\"default_scope\":\"reports:read\"}")
                .put("/admin/clients/" + client.clientId()).then().statusCode(200)
                .body("scope", equalTo("data:read reports:read"));
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).body("scope", equalTo("reports:read"));
    }

    @Test
    void disableAndEnable() {
        var client = TestClients.confidential().scope("data:read").register();
        String admin = TestClients.adminToken();
        given().auth().oauth2(admin).post("/admin/clients/" + client.clientId() + "/disable")
                .then().statusCode(200).body("enabled", equalTo(false));
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(401);
        given().auth().oauth2(admin).post("/admin/clients/" + client.clientId() + "/enable")
                .then().statusCode(200).body("enabled", equalTo(true));
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
    }

    @Test
    void invalidRegistrationsAreRefusedWithInvalidClientMetadata() {
        String admin = TestClients.adminToken();
        String[] bodies = {
                "{\"client_id\":\"x\",\"grant_types\":[\"client_credentials\"]}",
                "{\"client_id\":\"bad id with spaces\",\"grant_types\":[\"client_credentials\"]}",
                "{\"client_id\":\"valid-id-1\",\"grant_types\":[\"implicit-magic\"]}",
                "{\"client_id\":\"valid-id-2\",\"grant_types\":[\"client_credentials\"],\"scope\":\"root:everything\"}",
                "{\"client_id\":\"valid-id-3\",\"grant_types\":[\"client_credentials\"],\"scope\":\"data:read\",\"default_scope\":\"reports:read\"}",
                "{\"client_id\":\"valid-id-4\",\"grant_types\":[\"client_credentials\"],\"access_token_lifetime\":0}",
                "{\"client_id\":\"valid-id-5\",\"grant_types\":[\"client_credentials\"],\"access_token_lifetime\":999999999}",
                "{\"client_id\":\"valid-id-6\",\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[\"http://evil.example/cb\"]}",
                "{\"client_id\":\"valid-id-7\",\"grant_types\":[]}",
        };
        for (String body : bodies) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/admin/clients")
                    .then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"client_id\":").post("/admin/clients")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void duplicateIdIsConflictAndUnknownIdIsNotFound() {
        var client = TestClients.confidential().scope("data:read").register();
        String admin = TestClients.adminToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"client_id\":\"" + client.clientId() + "\",\"grant_types\":[\"client_credentials\"]}")
                .post("/admin/clients").then().statusCode(409).body("error", equalTo("conflict"));
        given().auth().oauth2(admin).get("/admin/clients/no-such-client").then().statusCode(404);
        given().auth().oauth2(admin).post("/admin/clients/no-such-client/secret").then().statusCode(404);
    }
}
