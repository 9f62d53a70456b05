package com.techcorp.auth.revocation;

import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** RFC 7009 revocation seen through RFC 7662 introspection. */
@QuarkusTest
class RevocationAndIntrospectionTest {

    private static final String CLIENT = SeedUsers.PORTAL_CLIENT;
    private static final String SECRET = SeedUsers.PORTAL_SECRET;

    private static ValidatableResponse introspect(String clientId, String secret, String token) {
        return given().auth().preemptive().basic(clientId, secret).formParam("token", token)
                .post("/oauth/introspect").then().header("Cache-Control", "no-store");
    }

    private static ValidatableResponse revoke(String clientId, String secret, String token) {
        return given().auth().preemptive().basic(clientId, secret).formParam("token", token)
                .post("/oauth/revoke").then();
    }

    @Test
    void anActiveAccessTokenDescribesItselfUntilRevoked() {
        var login = SeedUsers.passwordGrant("johndoe", "secret123").statusCode(200).extract();
        String access = login.path("access_token");
        introspect(CLIENT, SECRET, access).statusCode(200)
                .body("active", equalTo(true))
                .body("scope", equalTo("payslips:read leave:read"))
                .body("client_id", equalTo(CLIENT))
                .body("sub", equalTo(SeedUsers.JOHNDOE_SUB))
                .body("username", equalTo("johndoe"))
                .body("exp", notNullValue())
                .body("iat", notNullValue())
                .body("iss", equalTo("http://localhost:8080"))
                .body("aud", hasItem("employee-portal-api"))
                .body("token_type", equalTo("Bearer"));
        revoke(CLIENT, SECRET, access).statusCode(200);
        introspect(CLIENT, SECRET, access).statusCode(200).body("active", equalTo(false)).body("size()", equalTo(1));
    }

    @Test
    void revokingARefreshTokenRevokesItsFamily() {
        String first = SeedUsers.refreshToken("janesmith");
        String second = SeedUsers.refresh(CLIENT, SECRET, first, null).statusCode(200).extract().path("refresh_token");
        introspect(CLIENT, SECRET, second).statusCode(200).body("active", equalTo(true))
                .body("token_type", equalTo("refresh_token")).body("client_id", equalTo(CLIENT));
        revoke(CLIENT, SECRET, second).statusCode(200);
        introspect(CLIENT, SECRET, second).body("active", equalTo(false));
        SeedUsers.refresh(CLIENT, SECRET, second, null).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void anotherClientCanNeitherRevokeNorInspectARefreshToken() {
        var other = TestClients.confidential().grants("password", "refresh_token").scope("payslips:read").register();
        String token = SeedUsers.refreshToken("johndoe");
        revoke(other.clientId(), other.secret(), token).statusCode(200);
        introspect(other.clientId(), other.secret(), token).body("active", equalTo(false));
        SeedUsers.refresh(CLIENT, SECRET, token, null).statusCode(200);
    }

    @Test
    void aCallerSeesAnAccessTokenOnlyWhenItWasIssuedToItOrIsMeantForIt() {
        // RFC 7662 §4: any confidential client could read any user's claims before.
        String access = SeedUsers.passwordGrant("alexchen", "secret123").statusCode(200).extract().path("access_token");
        var bystander = TestClients.confidential().scope("data:read").register();
        introspect(bystander.clientId(), bystander.secret(), access).statusCode(200)
                .body("active", equalTo(false)).body("size()", equalTo(1));
        // The resource server the token is for, registered as a client named like its audience (demo data).
        introspect("employee-portal-api", "super_secret", access).statusCode(200)
                .body("active", equalTo(true)).body("sub", notNullValue());
        introspect(CLIENT, SECRET, access).body("active", equalTo(true));
    }

    @Test
    void garbageExpiredAndForeignTokensAreInactive() {
        introspect(CLIENT, SECRET, "garbage").statusCode(200).body("active", equalTo(false));
        introspect(CLIENT, SECRET, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").body("active", equalTo(false));
        revoke(CLIENT, SECRET, "garbage").statusCode(200);
    }

    @Test
    void introspectionNeedsClientAuthentication() {
        given().formParam("token", "anything").post("/oauth/introspect").then().statusCode(401)
                .header("WWW-Authenticate", notNullValue()).body("error", equalTo("invalid_client"));
        given().formParam("token", "anything").post("/oauth/revoke").then().statusCode(401);
        given().auth().preemptive().basic(CLIENT, SECRET).post("/oauth/introspect").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void metadataNamesBothEndpoints() {
        given().get("/.well-known/oauth-authorization-server").then()
                .body("revocation_endpoint", equalTo("http://localhost:8080/oauth/revoke"))
                .body("introspection_endpoint", equalTo("http://localhost:8080/oauth/introspect"))
                .body("grant_types_supported", hasItem("password"))
                .body("grant_types_supported", hasItem("refresh_token"));
    }
}
