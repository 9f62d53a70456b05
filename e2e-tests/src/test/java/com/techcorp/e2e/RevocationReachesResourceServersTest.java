package com.techcorp.e2e;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token revoked at the auth-service stops working at the resource servers, which validate it
 * locally, within a second: each case revokes a token (or its grant, or its client's tokens) and
 * measures until the resource server answers 401. Before, each stayed good there until its exp.
 */
class RevocationReachesResourceServersTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static Suite suite;

    @BeforeAll
    static void start() {
        suite = new Suite();
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    private static ValidatableResponse token(String clientId, String secret, Map<String, String> form) {
        var spec = given().baseUri(suite.url(suite.auth)).auth().preemptive().basic(clientId, secret);
        form.forEach(spec::formParam);
        return spec.post("/oauth/token").then();
    }

    private static String login(String username) {
        return token("techcorp_employee_portal", "super_secret",
                Map.of("grant_type", "password", "username", username, "password", "secret123"))
                .statusCode(200).extract().asString();
    }

    private static int data(String token) {
        return given().baseUri(suite.url(suite.data)).auth().oauth2(token).get("/data").then().extract().statusCode();
    }

    private static int payslips(String token) {
        return given().baseUri(suite.url(suite.portal)).auth().oauth2(token).get("/employee/payslips").then().extract().statusCode();
    }

    private static void revoke(String clientId, String secret, String token) {
        given().baseUri(suite.url(suite.auth)).auth().preemptive().basic(clientId, secret).formParam("token", token)
                .post("/oauth/revoke").then().statusCode(200);
    }

    private static String adminToken() {
        return token("bootstrap-admin", Suite.ADMIN_SECRET, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
    }

    /** A confidential client-credentials client with this scope; its id and secret in the answer. */
    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> register(String admin, String idPrefix, String scope) {
        return given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("client_id", idPrefix + System.nanoTime() % 100_000, "client_name", idPrefix + "client",
                        "confidential", true, "grant_types", List.of("client_credentials"), "scope", scope))
                .post("/admin/clients").then().statusCode(201).extract();
    }

    /** Calls until it answers 401; fails if that takes longer than a second. */
    private static void refusedWithinASecond(java.util.function.IntSupplier call, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            int status = call.getAsInt();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (status == 401) {
                System.out.printf("revocation reached the resource server in %d ms: %s%n", millis, what);
                return;
            }
            assertEquals(200, status, what);
            assertTrue(millis <= WITHIN.toMillis(), what + ": still accepted " + millis + " ms after the revocation");
            Thread.sleep(20);
        }
    }

    @Test
    void anAccessTokenRevokedAtTheAuthService() throws Exception {
        String access = token("report_service_id", "super_secret", Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        assertEquals(200, data(access));
        revoke("report_service_id", "super_secret", access);
        refusedWithinASecond(() -> data(access), "revoked access token at data-service");
    }

    @Test
    void theAccessTokensOfARevokedRefreshTokensGrant() throws Exception {
        var login = io.restassured.path.json.JsonPath.from(login("johndoe"));
        String access = login.getString("access_token");
        assertEquals(200, payslips(access));
        revoke("techcorp_employee_portal", "super_secret", login.getString("refresh_token"));
        refusedWithinASecond(() -> payslips(access), "access token of a revoked refresh token at employee-portal-api");
        given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("token", access).post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aFamilyRevokedByRefreshTokenReuse() throws Exception {
        var login = io.restassured.path.json.JsonPath.from(login("janesmith"));
        String first = login.getString("refresh_token");
        String rotatedAccess = token("techcorp_employee_portal", "super_secret", Map.of("grant_type", "refresh_token", "refresh_token", first))
                .statusCode(200).extract().path("access_token");
        assertEquals(200, payslips(rotatedAccess));
        // The rotated-away token again: somebody has a copy. The whole family goes, its newest access token too.
        token("techcorp_employee_portal", "super_secret", Map.of("grant_type", "refresh_token", "refresh_token", first)).statusCode(400);
        refusedWithinASecond(() -> payslips(rotatedAccess), "access token of a family revoked by reuse");
    }

    @Test
    void theTokensOfAClientDisabledThroughTheAdminApi() throws Exception {
        String admin = adminToken();
        var created = register(admin, "e2e-soon-disabled-", "data:read");
        String clientId = created.path("client_id");
        String access = token(clientId, created.path("client_secret"), Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        assertEquals(200, data(access));
        given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).post("/admin/clients/" + clientId + "/disable").then().statusCode(200);
        refusedWithinASecond(() -> data(access), "token of a disabled client at data-service");
    }

    @Test
    void theTokensOfAUserDisabledAtTheIdentityService() throws Exception {
        var created = register(adminToken(), "e2e-user-admin-", "identity:admin");
        String identityAdmin = token(created.path("client_id"), created.path("client_secret"), Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        String access = io.restassured.path.json.JsonPath.from(login("samokafor")).getString("access_token");
        assertEquals(200, payslips(access));
        String sub = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e05";
        given().baseUri(suite.url(suite.identity)).auth().oauth2(identityAdmin).post("/v1/users/" + sub + "/disable")
                .then().statusCode(200);
        try {
            refusedWithinASecond(() -> payslips(access), "access token of a user disabled at the identity-service");
        } finally {
            given().baseUri(suite.url(suite.identity)).auth().oauth2(identityAdmin).post("/v1/users/" + sub + "/enable")
                    .then().statusCode(200);
        }
    }

    /**
     * A signing key withdrawn early (leaked): its tokens are refused at the resource servers within
     * a second although their JWKS still held it, its successor's tokens are accepted at once
     * (learnt from the JWKS when the withdrawal's event, which the successor signs, arrives), and a
     * client holding a cached token of the withdrawn key (report-service's, for data-service; the
     * auth-service's own, for the identity-service) recovers by itself.
     */
    @Test
    void theTokensOfAWithdrawnSigningKey() throws Exception {
        String admin = adminToken();
        var analyst = register(admin, "e2e-analyst-", "reports:read");
        String analystId = analyst.path("client_id");
        String analystSecret = analyst.path("client_secret");
        java.util.function.Supplier<String> analystToken = () -> token(analystId, analystSecret, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        // report-service now holds a token of the key about to be withdrawn, for its calls to data-service.
        given().baseUri(suite.url(suite.report)).auth().oauth2(analystToken.get()).post("/reports/monthly-sales").then().statusCode(201);
        String access = token("report_service_id", "super_secret", Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        assertEquals(200, data(access));
        String kid = io.restassured.path.json.JsonPath.from(new String(java.util.Base64.getUrlDecoder()
                .decode(access.substring(0, access.indexOf('.'))), java.nio.charset.StandardCharsets.UTF_8)).getString("kid");

        given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).post("/admin/keys/" + kid + "/withdraw").then().statusCode(200);
        refusedWithinASecond(() -> data(access), "token of a withdrawn signing key at data-service");

        String fresh = token("report_service_id", "super_secret", Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        assertEquals(200, data(fresh), "the successor's tokens are accepted at once");
        // The auth-service's own token for the identity-service was the withdrawn key's too.
        login("johndoe");
        given().baseUri(suite.url(suite.report)).auth().oauth2(analystToken.get()).post("/reports/monthly-sales").then().statusCode(201);
    }
}
