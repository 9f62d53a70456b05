package com.techcorp.auth.authorize;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.ISSUER;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.PORTAL_CALLBACK;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.PORTAL_WEB;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.redeem;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.signedInCode;
import static com.techcorp.oauth.teststorage.Browser.VERIFIER;
import static com.techcorp.oauth.teststorage.Browser.codeRequest;
import static com.techcorp.oauth.teststorage.Browser.redirectParams;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenID Connect Core 1.0 on the authorization-code flow, over HTTP against the real
 * identity-service: scope openid gets an ID token (§3.1.3.3) whose signature verifies with the
 * JWKS and whose claims say who signed in, when, for which client and with which nonce (§2,
 * §3.1.3.7), bound to its access token by at_hash (§3.1.3.6); that access token reads the
 * userinfo endpoint (§5.3) as a resource server's token, an ID token does not.
 */
@QuarkusTest
class OpenIdConnectTest {

    private static Map<String, String> openIdRequest(String nonce) {
        Map<String, String> query = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "oidc-state");
        query.put("scope", "openid payslips:read");
        if (nonce != null) {
            query.put("nonce", nonce);
        }
        return query;
    }

    @Test
    void scopeOpenidGetsASignedIdTokenForTheClientWithNonceAuthTimeAndAtHash() throws Exception {
        long before = Instant.now().getEpochSecond();
        String code = signedInCode(openIdRequest("n-0S6_WzA2Mj"), "johndoe");
        var answer = redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(200)
                .body("scope", equalTo("openid payslips:read")).extract();
        String access = answer.path("access_token");
        String idToken = answer.path("id_token");

        JwtClaims id = Jwks.verify(idToken);
        assertEquals("JWT", Jwks.header(idToken).getHeader("typ"), "not at+jwt: an ID token is no access token");
        assertEquals(ISSUER, id.getIssuer());
        assertEquals(SeedUsers.JOHNDOE_SUB, id.getSubject());
        assertEquals(List.of(PORTAL_WEB), id.getAudience(), "the client alone: no resource server accepts it");
        assertEquals(PORTAL_WEB, id.getClaimValue("azp"));
        assertEquals("n-0S6_WzA2Mj", id.getClaimValue("nonce"));
        assertEquals("johndoe", id.getClaimValue("preferred_username"));
        assertEquals(List.of("pwd"), id.getStringListClaimValue("amr"));
        long authTime = id.getClaimValue("auth_time", Long.class);
        assertTrue(authTime >= before && authTime <= id.getIssuedAt().getValue(), "auth_time is the sign-in");
        assertTrue(id.getExpirationTime().getValue() > id.getIssuedAt().getValue());
        assertEquals(atHash(access), id.getClaimValue("at_hash"));

        // The access token beside it is for the resource server, and for the userinfo endpoint here.
        assertEquals(Set.of("employee-portal-api", "auth-service"), Set.copyOf(Jwks.verify(access).getAudience()));
    }

    @Test
    void userinfoAnswersWhoTheAccessTokensUserIsByGetAndPost() {
        String access = openIdAccessToken("johndoe");
        given().auth().oauth2(access).get("/oauth/userinfo").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("sub", equalTo(SeedUsers.JOHNDOE_SUB))
                .body("preferred_username", equalTo("johndoe"));
        given().auth().oauth2(access).post("/oauth/userinfo").then().statusCode(200).body("sub", equalTo(SeedUsers.JOHNDOE_SUB));
    }

    @Test
    void userinfoRefusesNoTokenAnIdTokenATokenWithoutOpenidAndARevokedOne() {
        assertEquals(List.of("Bearer realm=\"oauth\""),
                given().get("/oauth/userinfo").then().statusCode(401).extract().headers().getValues("WWW-Authenticate"));

        var answer = redeem(PORTAL_WEB, signedInCode(openIdRequest("n"), "johndoe"), PORTAL_CALLBACK, VERIFIER).statusCode(200).extract();
        given().auth().oauth2(answer.<String>path("id_token")).get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));

        String plain = redeem(PORTAL_WEB, signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(plain).get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));

        String access = answer.path("access_token");
        given().formParam("token", access).formParam("client_id", PORTAL_WEB).post("/oauth/revoke").then().statusCode(200);
        given().auth().oauth2(access).get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    /** Core §5.4: scope profile names the user, as the identity-service knows them, in the ID token and at userinfo. */
    @Test
    void scopeProfileNamesTheUserInTheIdTokenAndAtUserinfo() throws Exception {
        Map<String, String> query = openIdRequest("n-profile");
        query.put("scope", "openid profile payslips:read");
        var answer = redeem(PORTAL_WEB, signedInCode(query, "johndoe"), PORTAL_CALLBACK, VERIFIER).statusCode(200)
                .body("scope", equalTo("openid profile payslips:read")).extract();
        assertEquals("John Doe", Jwks.verify(answer.path("id_token")).getClaimValue("name"));
        given().auth().oauth2(answer.<String>path("access_token")).get("/oauth/userinfo").then().statusCode(200)
                .body("name", equalTo("John Doe")).body("preferred_username", equalTo("johndoe"));

        String withoutProfile = openIdAccessToken("johndoe");
        given().auth().oauth2(withoutProfile).get("/oauth/userinfo").then().statusCode(200).body("name", nullValue());
    }

    /** The userinfo endpoint checks the token's client as the admin API does: a disabled client's tokens read nothing. */
    @Test
    void userinfoRefusesTheTokenOfAClientDisabledSinceItWasIssued() {
        var client = TestClients.publicClient().grants("authorization_code").scope("openid payslips:read")
                .redirectUris("https://app.example/cb").firstParty(true).register();
        Map<String, String> query = codeRequest(client.clientId(), "https://app.example/cb", "s");
        query.put("scope", "openid payslips:read");
        String access = redeem(client.clientId(), signedInCode(query, "johndoe"), "https://app.example/cb", VERIFIER)
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(access).get("/oauth/userinfo").then().statusCode(200);
        given().auth().oauth2(TestClients.adminToken()).post("/admin/clients/" + client.clientId() + "/disable").then().statusCode(200);
        given().auth().oauth2(access).get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void aClientActingForItselfCannotAskForOpenid() {
        var client = TestClients.confidential().scope("openid data:read").register();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").formParam("scope", "openid data:read")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    private static String openIdAccessToken(String username) {
        return redeem(PORTAL_WEB, signedInCode(openIdRequest("n"), username), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("access_token");
    }

    @Test
    void withoutNonceTheIdTokenHasNoneAndWithoutOpenidThereIsNoIdToken() throws Exception {
        String idToken = redeem(PORTAL_WEB, signedInCode(openIdRequest(null), "janesmith"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("id_token");
        assertTrue(!Jwks.verify(idToken).hasClaim("nonce"));

        redeem(PORTAL_WEB, signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "plain-oauth"), "janesmith"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).body("id_token", nullValue());
    }

    /** Each redemption is its own sign-in and its own ID token: the code, not the nonce, is single-use. */
    @Test
    void twoSignInsWithTheSameNonceGetTwoIdTokensAndASpentCodeGetsNone() throws Exception {
        String first = signedInCode(openIdRequest("same"), "johndoe");
        String one = redeem(PORTAL_WEB, first, PORTAL_CALLBACK, VERIFIER).statusCode(200).extract().path("id_token");
        String two = redeem(PORTAL_WEB, signedInCode(openIdRequest("same"), "johndoe"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("id_token");
        assertNotEquals(one, two);
        redeem(PORTAL_WEB, first, PORTAL_CALLBACK, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aNonceThatIsNoTextOrTooLongIsRefusedToTheRedirectUri() {
        for (String nonce : List.of("a\u0000b", "x".repeat(513))) {
            Browser browser = new Browser();
            var redirect = browser.authorize(openIdRequest(nonce));
            assertEquals(303, redirect.statusCode(), redirect.asString());
            Map<String, String> params = redirectParams(redirect, false);
            assertEquals("invalid_request", params.get("error"));
            assertEquals("oidc-state", params.get("state"));
        }
    }

    /** §3.1.2.6: without a sign-on session, prompt=none needs a sign-in the client did not allow. */
    @Test
    void promptNoneIsLoginRequiredAtTheRedirectUri() {
        Map<String, String> query = openIdRequest("n");
        query.put("prompt", "none");
        var redirect = new Browser().authorize(query);
        assertEquals(303, redirect.statusCode(), redirect.asString());
        Map<String, String> params = redirectParams(redirect, false);
        assertEquals("login_required", params.get("error"));
        assertEquals("oidc-state", params.get("state"));
        assertEquals(ISSUER, params.get("iss"));
    }

    @Test
    void promptAndMaxAgeThatMeanNothingAreInvalidRequests() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("prompt", "none login"), Map.entry("prompt", "whenever"),
                Map.entry("prompt", "login  consent"), Map.entry("max_age", "-1"), Map.entry("max_age", "soon"))) {
            Map<String, String> query = openIdRequest("n");
            query.put(bad.getKey(), bad.getValue());
            var redirect = new Browser().authorize(query);
            assertEquals(303, redirect.statusCode(), bad + ": " + redirect.asString());
            assertEquals("invalid_request", redirectParams(redirect, false).get("error"), bad.toString());
        }
    }

    /** prompt=login and max_age=0 ask for the password; prompt=consent asks a first-party client's user too. */
    @Test
    void promptLoginAndMaxAgeZeroAskForThePasswordAndLoginHintFillsInTheUsername() throws Exception {
        Map<String, String> query = openIdRequest("n");
        query.put("prompt", "login consent");
        query.put("max_age", "0");
        query.put("login_hint", "janesmith");
        long before = Instant.now().getEpochSecond();
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200).body(containsString("value=\"janesmith\""));
        browser.signIn("janesmith", "secret123").then().statusCode(200).body(containsString("id=\"allow\""));
        var redirect = browser.decide("allow");
        assertEquals(303, redirect.statusCode());
        String idToken = redeem(PORTAL_WEB, redirectParams(redirect, false).get("code"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("id_token");
        assertTrue(Jwks.verify(idToken).getClaimValue("auth_time", Long.class) >= before);

        for (String hint : List.of("<script>\u0000", "\"><script>x")) {
            Map<String, String> hostile = openIdRequest("n");
            hostile.put("login_hint", hint);
            new Browser().authorize(hostile).then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("<script>")));
        }
        Map<String, String> longMaxAge = openIdRequest("n");
        longMaxAge.put("max_age", "99999999999");
        new Browser().authorize(longMaxAge).then().statusCode(200);
    }

    /** Core §3.1.2.1: redirect_uri is required of an OpenID Connect request, even for a client with one registered URI. */
    @Test
    void anOpenidRequestWithoutRedirectUriIsRefusedToTheRegisteredOne() {
        Map<String, String> query = openIdRequest("n");
        query.remove("redirect_uri");
        var redirect = new Browser().authorize(query);
        assertEquals(303, redirect.statusCode(), redirect.asString());
        assertTrue(redirect.getHeader("Location").startsWith(PORTAL_CALLBACK + "?"));
        assertEquals("invalid_request", redirectParams(redirect, false).get("error"));
    }

    /** Core §6: a request object would be dropped silently; it is refused instead, as discovery says. */
    @Test
    void requestObjectsAreRefusedNotIgnored() {
        for (Map.Entry<String, String> param : List.of(Map.entry("request", "eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4ifQ."),
                Map.entry("request_uri", "https://client.example/request.jwt"))) {
            Map<String, String> query = openIdRequest(null);
            query.put(param.getKey(), param.getValue());
            var redirect = new Browser().authorize(query);
            assertEquals(303, redirect.statusCode(), redirect.asString());
            assertEquals(param.getKey() + "_not_supported", redirectParams(redirect, false).get("error"));
        }
    }

    @Test
    void discoveryNamesTheIdTokenSigningAndTheOpenidScope() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("scopes_supported", hasItem("openid"))
                .body("subject_types_supported", equalTo(List.of("public")))
                .body("id_token_signing_alg_values_supported", hasItems("RS256", "ES256"))
                .body("claims_supported", hasItems("sub", "auth_time", "nonce", "at_hash"))
                .body("userinfo_endpoint", equalTo(ISSUER + "/oauth/userinfo"))
                .body("request_uri_parameter_supported", equalTo(false))
                .body("request_parameter_supported", equalTo(false));
    }

    private static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
