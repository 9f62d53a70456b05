package com.techcorp.auth.authorize;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.techcorp.oauth.teststorage.Browser.VERIFIER;
import static com.techcorp.oauth.teststorage.Browser.codeRequest;
import static com.techcorp.oauth.teststorage.Browser.redirectParams;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6749 §4.1 with RFC 7636 PKCE and RFC 9207, end to end over HTTP: the authorization endpoint,
 * its sign-in page against the real identity-service, and the token endpoint redeeming the code.
 */
@QuarkusTest
class AuthorizationCodeFlowTest {

    static final String PORTAL_WEB = "techcorp_portal_web";
    static final String PORTAL_CALLBACK = "http://localhost:8084/portal/callback";
    static final String ISSUER = "http://localhost:8080";

    @Test
    void theDemoPortalSignsInWithPkceAndGetsUserTokens() throws Exception {
        Browser browser = new Browser();
        browser.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "xyz-state")).then().statusCode(200)
                .header("X-Frame-Options", "DENY").header("Cache-Control", "no-store")
                .body(containsString("TechCorp Employee Portal (web)"));
        Response redirect = browser.signIn("johndoe", "secret123");
        assertEquals(303, redirect.statusCode());
        assertTrue(redirect.getHeader("Location").startsWith(PORTAL_CALLBACK + "?"));
        Map<String, String> params = redirectParams(redirect, false);
        assertEquals("xyz-state", params.get("state"));
        assertEquals(ISSUER, params.get("iss"));
        assertTrue(params.get("code").length() >= 43, "at least 256 bits, base64url");

        String access = redeem(PORTAL_WEB, params.get("code"), PORTAL_CALLBACK, VERIFIER).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", notNullValue())
                .body("scope", equalTo("payslips:read leave:read"))
                .extract().path("access_token");
        var claims = Jwks.verify(access);
        assertEquals(SeedUsers.JOHNDOE_SUB, claims.getSubject());
        assertEquals(PORTAL_WEB, claims.getClaimValue("client_id"));
        assertEquals(List.of("employee-portal-api"), claims.getAudience());
    }

    /** A browser posts the sign-in form with its Origin; the CORS filter must let our own origin through. */
    @Test
    void theSignInFormPostedByABrowserWithItsOriginIsAccepted() {
        Browser browser = new Browser();
        browser.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "o")).then().statusCode(200)
                .header("Referrer-Policy", "same-origin"); // no-referrer would make the browser send Origin: null
        Response redirect = browser.withHeader("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .signIn("johndoe", "secret123");
        assertEquals(303, redirect.statusCode());
    }

    @Test
    void redirectUrisMatchExactlyOrTheEndpointShowsAPageAndNeverRedirects() {
        for (String wrong : List.of(
                "http://localhost:8084/portal/callbac",            // prefix
                "http://localhost:8084/portal/callback/evil",      // path extension
                "http://localhost:8084/portal/callback?next=evil", // extra query
                "https://localhost:8084/portal/callback",          // scheme change
                "http://localhost:8084/portal/callback/",          // trailing slash
                "http://localhost:8084/PORTAL/callback",           // case
                "http://evil.example/portal/callback",             // other host
                "http://localhost:8084/portal/callback#frag")) {
            Response page = new Browser().authorize(codeRequest(PORTAL_WEB, wrong, "s"));
            assertEquals(400, page.statusCode(), wrong);
            assertNull(page.getHeader("Location"), wrong);
            assertTrue(page.asString().contains("not registered"), wrong);
        }
    }

    @Test
    void anUnknownClientOrNoClientIsAPageNotARedirect() {
        Map<String, String> query = codeRequest("no-such-client", PORTAL_CALLBACK, "s");
        Response unknown = new Browser().authorize(query);
        assertEquals(400, unknown.statusCode());
        assertNull(unknown.getHeader("Location"));
        query.remove("client_id");
        Response none = new Browser().authorize(query);
        assertEquals(400, none.statusCode());
        assertNull(none.getHeader("Location"));
    }

    @Test
    void laterErrorsGoBackToTheClientWithStateAndIss() {
        Map<String, String> badType = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "st-1");
        badType.put("response_type", "id_token");
        assertRedirectError(badType, "unsupported_response_type", "st-1");

        Map<String, String> badScope = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "st-2");
        badScope.put("scope", "data:read");
        assertRedirectError(badScope, "invalid_scope", "st-2");

        Map<String, String> noPkce = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "st-3");
        noPkce.remove("code_challenge");
        noPkce.remove("code_challenge_method");
        assertRedirectError(noPkce, "invalid_request", "st-3");

        Map<String, String> plain = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "st-4");
        plain.put("code_challenge", VERIFIER);
        plain.put("code_challenge_method", "plain");
        assertRedirectError(plain, "invalid_request", "st-4");

        Map<String, String> implicitRefused = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "st-5");
        implicitRefused.put("response_type", "token");
        Response implicit = new Browser().authorize(implicitRefused);
        assertEquals(303, implicit.statusCode());
        Map<String, String> fragment = redirectParams(implicit, true);
        assertEquals("unauthorized_client", fragment.get("error"));
        assertEquals("st-5", fragment.get("state"));
        assertEquals(ISSUER, fragment.get("iss"));
    }

    @Test
    void oddClientIdsArePagesNotServerErrors() {
        for (String odd : List.of("\u0000", "a", "x".repeat(300), "evil client")) {
            Map<String, String> query = codeRequest(odd, PORTAL_CALLBACK, "s");
            Response page = new Browser().authorize(query);
            assertEquals(400, page.statusCode(), odd);
            assertNull(page.getHeader("Location"));
        }
        given().formParam("grant_type", "authorization_code").formParam("client_id", "\u0000").formParam("code", "x")
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void anEmptyParameterCountsAsOmitted() {
        Map<String, String> query = codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "e");
        query.put("scope", "");
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200);
        Response redirect = browser.signIn("johndoe", "secret123");
        redeem(PORTAL_WEB, redirectParams(redirect, false).get("code"), PORTAL_CALLBACK, VERIFIER).statusCode(200)
                .body("scope", equalTo("payslips:read leave:read"));
    }

    @Test
    void anOversizedStateIsRefusedAndNotEchoed() {
        Response response = new Browser().authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s".repeat(1500)));
        assertEquals(303, response.statusCode());
        Map<String, String> params = redirectParams(response, false);
        assertEquals("invalid_request", params.get("error"));
        assertNull(params.get("state"));
    }

    @Test
    void theRegistrationAtTheEndOfTheSignInCountsNotTheOneAtTheStart() {
        var thirdParty = TestClients.publicClient().grants("authorization_code").scope("payslips:read leave:read")
                .redirectUris("https://partner.example/cb").register();
        Browser browser = new Browser();
        Map<String, String> query = codeRequest(thirdParty.clientId(), "https://partner.example/cb", "r");
        query.put("scope", "payslips:read");
        browser.authorize(query).then().statusCode(200);
        browser.signIn("priyanair", "secret123").then().statusCode(200); // the consent page
        given().auth().oauth2(TestClients.adminToken()).contentType("application/json")
                .body(Map.of("scope", "leave:read", "default_scope", "leave:read"))
                .put("/admin/clients/" + thirdParty.clientId()).then().statusCode(200);
        Map<String, String> params = redirectParams(browser.decide("allow"), false);
        assertEquals("invalid_scope", params.get("error"));
        assertNull(params.get("code"));
    }

    @Test
    void aRepeatedParameterIsAnInvalidRequest() {
        Response response = given().redirects().follow(false)
                .get("/oauth/authorize?response_type=code&client_id=" + PORTAL_WEB + "&redirect_uri=" + PORTAL_CALLBACK
                        + "&state=a&scope=payslips:read&scope=hr:read");
        assertEquals(303, response.statusCode());
        assertEquals("invalid_request", redirectParams(response, false).get("error"));
    }

    @Test
    void theVerifierMustMatchAndMustBeThere() {
        redeem(PORTAL_WEB, signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe"), PORTAL_CALLBACK,
                VERIFIER.replace('d', 'e')).statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(PORTAL_WEB, signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe"), PORTAL_CALLBACK, null)
                .statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aVerifierForACodeIssuedWithoutChallengeIsADowngradeAndRefused() {
        var client = TestClients.confidential().grants("authorization_code").scope("payslips:read")
                .redirectUris("https://app.example/cb").firstParty(true).register();
        Map<String, String> query = codeRequest(client.clientId(), "https://app.example/cb", "s");
        query.remove("code_challenge");
        query.remove("code_challenge_method");
        String code = signedInCode(query, "mariagarcia");
        redeemConfidential(client, code, "https://app.example/cb", VERIFIER).statusCode(400)
                .body("error", equalTo("invalid_grant")).body("error_description", containsString("without code_challenge"));
        // A confidential client may go without PKCE: the same kind of code, without a verifier, works.
        String second = signedInCode(query, "mariagarcia");
        redeemConfidential(client, second, "https://app.example/cb", null).statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void plainIsAcceptedOnlyFromAClientRegisteredForIt() {
        var client = TestClients.publicClient().grants("authorization_code").scope("payslips:read")
                .redirectUris("http://127.0.0.1:9/cb").firstParty(true).allowPlainPkce().register();
        Map<String, String> query = codeRequest(client.clientId(), "http://127.0.0.1:9/cb", "s");
        query.put("code_challenge", VERIFIER);
        query.put("code_challenge_method", "plain");
        String code = signedInCode(query, "mariagarcia");
        redeem(client.clientId(), code, "http://127.0.0.1:9/cb", VERIFIER).statusCode(200);
        given().auth().oauth2(TestClients.adminToken()).get("/admin/clients/" + client.clientId()).then()
                .statusCode(200).body("allow_plain_pkce", equalTo(true)).body("warnings[0]", containsString("plain"));
    }

    @Test
    void aCodeRedeemedTwiceRevokesTheTokensIssuedFromIt() {
        String code = signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe");
        var first = redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(200).extract();
        String refresh = first.path("refresh_token");
        String access = first.path("access_token");
        redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));

        given().formParam("grant_type", "refresh_token").formParam("client_id", PORTAL_WEB).formParam("refresh_token", refresh)
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aCodeIsBoundToItsClientAndItsRedirectUri() {
        var other = TestClients.publicClient().grants("authorization_code").scope("payslips:read")
                .redirectUris(PORTAL_CALLBACK).firstParty(true).register();
        String code = signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe");
        redeem(other.clientId(), code, PORTAL_CALLBACK, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(PORTAL_WEB, code, "http://localhost:8084/portal/other", VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(PORTAL_WEB, code, null, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
        // Neither attempt spent it: its own client, with its redirect URI, still can.
        redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(200);
    }

    @Test
    void anExpiredCodeIsRefused() throws InterruptedException {
        String code = signedInCode(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"), "johndoe");
        Thread.sleep(5_000); // test profile: codes live 4 s
        redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void theLoginFormNeedsItsCsrfTokenAndTheBrowserThatAsked() {
        Browser browser = new Browser();
        browser.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s")).then().statusCode(200);
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("csrf_token", null);
        noToken.put("username", "johndoe");
        noToken.put("password", "secret123");
        Response missing = browser.post("/oauth/authorize/login", noToken);
        assertEquals(403, missing.statusCode());
        assertNull(missing.getHeader("Location"));

        Browser fresh = new Browser();
        fresh.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s")).then().statusCode(200);
        Map<String, String> wrongToken = new LinkedHashMap<>(Map.of("csrf_token", "A".repeat(43), "username", "johndoe", "password", "secret123"));
        assertEquals(403, fresh.post("/oauth/authorize/login", wrongToken).statusCode());

        // Login CSRF: an attacker's own pending request posted from a victim's browser (no binding cookie).
        Browser attacker = new Browser();
        attacker.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s")).then().statusCode(200);
        Response posted = attacker.forgetCookies().signIn("johndoe", "secret123");
        assertEquals(403, posted.statusCode());
        assertNull(posted.getHeader("Location"));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAnError() {
        Browser browser = new Browser();
        browser.authorize(codeRequest(PORTAL_WEB, PORTAL_CALLBACK, "s"));
        Response wrong = browser.signIn("samokafor", "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertNull(wrong.getHeader("Location"));
        assertTrue(wrong.asString().contains("The username or password is incorrect."));
        // A name too long for any user gets the same answer, without asking the identity-service.
        Response tooLong = browser.signIn("x".repeat(65), "secret123");
        assertEquals(401, tooLong.statusCode());
        assertTrue(tooLong.asString().contains("The username or password is incorrect."));
        // The same pending request still works with the right password.
        Response right = browser.signIn("samokafor", "secret123");
        assertEquals(303, right.statusCode());
        assertTrue(redirectParams(right, false).containsKey("code"));
    }

    @Test
    void aThirdPartyClientAsksForConsentAndADenialGoesBackAsAccessDenied() {
        var thirdParty = TestClients.publicClient().grants("authorization_code").scope("payslips:read")
                .redirectUris("https://partner.example/cb").register();
        Browser browser = new Browser();
        browser.authorize(codeRequest(thirdParty.clientId(), "https://partner.example/cb", "c1"));
        Response consent = browser.signIn("priyanair", "secret123");
        assertEquals(200, consent.statusCode());
        assertTrue(consent.asString().contains("payslips:read"));
        Response allowed = browser.decide("allow");
        assertEquals(303, allowed.statusCode());
        redeem(thirdParty.clientId(), redirectParams(allowed, false).get("code"), "https://partner.example/cb", VERIFIER).statusCode(200);

        Browser other = new Browser();
        other.authorize(codeRequest(thirdParty.clientId(), "https://partner.example/cb", "c2"));
        other.signIn("priyanair", "secret123");
        Map<String, String> denied = redirectParams(other.decide("deny"), false);
        assertEquals("access_denied", denied.get("error"));
        assertEquals("c2", denied.get("state"));
    }

    @Test
    void implicitWorksOnlyForAClientRegisteredForItAndNeverGivesARefreshToken() {
        var legacy = TestClients.publicClient().grants("implicit").scope("payslips:read")
                .redirectUris("https://legacy.example/app").firstParty(true).register();
        given().auth().oauth2(TestClients.adminToken()).get("/admin/clients/" + legacy.clientId()).then()
                .body("warnings[0]", containsString("legacy"));
        Map<String, String> query = new LinkedHashMap<>(Map.of("response_type", "token", "client_id", legacy.clientId(),
                "redirect_uri", "https://legacy.example/app", "state", "imp"));
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200);
        Response redirect = browser.signIn("alexchen", "secret123");
        assertEquals(303, redirect.statusCode());
        assertNull(java.net.URI.create(redirect.getHeader("Location")).getRawQuery());
        Map<String, String> fragment = redirectParams(redirect, true);
        assertEquals("Bearer", fragment.get("token_type"));
        assertEquals("imp", fragment.get("state"));
        assertEquals(ISSUER, fragment.get("iss"));
        assertTrue(fragment.containsKey("access_token"));
        assertTrue(!fragment.containsKey("refresh_token"));

        // A client registered for code only is refused implicit (above, unauthorized_client), and one
        // registered for implicit only is refused code.
        Map<String, String> code = codeRequest(legacy.clientId(), "https://legacy.example/app", "x");
        assertEquals("unauthorized_client", redirectParams(new Browser().authorize(code), false).get("error"));
    }

    @Test
    void metadataAdvertisesTheAuthorizationEndpoint() {
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("authorization_endpoint", equalTo(ISSUER + "/oauth/authorize"))
                .body("response_types_supported", org.hamcrest.Matchers.hasItem("code"))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("grant_types_supported", org.hamcrest.Matchers.hasItem("authorization_code"));
    }

    private static void assertRedirectError(Map<String, String> query, String error, String state) {
        Response response = new Browser().authorize(query);
        assertEquals(303, response.statusCode(), query.toString());
        assertTrue(response.getHeader("Location").startsWith(PORTAL_CALLBACK + "?"));
        Map<String, String> params = redirectParams(response, false);
        assertEquals(error, params.get("error"), query.toString());
        assertEquals(state, params.get("state"));
        assertEquals(ISSUER, params.get("iss"));
    }

    /** A code for a first-party client: authorize, sign in, read it from the redirect. */
    static String signedInCode(Map<String, String> query, String username) {
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200);
        Response redirect = browser.signIn(username, "secret123");
        assertEquals(303, redirect.statusCode(), redirect.asString());
        return redirectParams(redirect, false).get("code");
    }

    static ValidatableResponse redeem(String clientId, String code, String redirectUri, String verifier) {
        var request = given().formParam("grant_type", "authorization_code").formParam("client_id", clientId).formParam("code", code);
        if (redirectUri != null) {
            request.formParam("redirect_uri", redirectUri);
        }
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.post("/oauth/token").then();
    }

    private static ValidatableResponse redeemConfidential(TestClients.Registered client, String code, String redirectUri, String verifier) {
        var request = given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", redirectUri);
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.post("/oauth/token").then();
    }
}
