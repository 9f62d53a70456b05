package com.techcorp.auth.authorize;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.PORTAL_CALLBACK;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.PORTAL_WEB;
import static com.techcorp.auth.authorize.AuthorizationCodeFlowTest.redeem;
import static com.techcorp.oauth.teststorage.Browser.VERIFIER;
import static com.techcorp.oauth.teststorage.Browser.codeRequest;
import static com.techcorp.oauth.teststorage.Browser.redirectParams;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-on session over HTTP, with a browser that keeps its cookies: once signed in, a second
 * client's authorization needs no password (OpenID Connect single sign-on), unless prompt=login or
 * max_age says so; prompt=none answers without a page; a client that is not first-party is asked
 * for consent once per session. RP-Initiated Logout ends the session for every client and revokes
 * what was issued through it; so do the admin API and disabling the user.
 */
@QuarkusTest
class SignOnSessionTest {

    private static final String PORTAL_PAGE = "http://localhost:8084/portal";
    private static final String COOKIE = "auth_session";

    @ConfigProperty(name = "quarkus.rest-client.identity.url")
    String identityUrl;

    private static Map<String, String> openId(String clientId, String redirectUri, String scope) {
        Map<String, String> query = codeRequest(clientId, redirectUri, "sso-state");
        query.put("scope", scope);
        query.put("nonce", "n-" + System.nanoTime());
        return query;
    }

    private static Map<String, String> portal() {
        return openId(PORTAL_WEB, PORTAL_CALLBACK, "openid payslips:read");
    }

    /** A browser signed in at the portal page, and the tokens it got there. */
    private record SignedIn(Browser browser, Map<String, Object> tokens) {
        String idToken() {
            return (String) tokens.get("id_token");
        }
    }

    private static SignedIn signedIn(String username) {
        Browser browser = new Browser();
        browser.authorize(portal()).then().statusCode(200).body(containsString("name=\"password\""));
        Response redirect = browser.signIn(username, "secret123");
        assertEquals(303, redirect.statusCode(), redirect.asString());
        Map<String, Object> tokens = redeem(PORTAL_WEB, redirectParams(redirect, false).get("code"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().as(Map.class);
        return new SignedIn(browser, tokens);
    }

    /** A confidential web client of a third party (not first-party), allowed openid, registered with a post-logout page. */
    private static TestClients.Registered thirdParty() {
        return TestClients.confidential().grants("authorization_code", "refresh_token").scope("openid data:read")
                .redirectUris("https://partner.example/callback").postLogoutRedirectUris("https://partner.example/signed-out")
                .firstParty(false).register();
    }

    private static Map<String, Object> redeemConfidential(TestClients.Registered client, Response redirect) {
        assertEquals(303, redirect.statusCode(), redirect.asString());
        return given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "authorization_code").formParam("code", redirectParams(redirect, false).get("code"))
                .formParam("redirect_uri", "https://partner.example/callback").formParam("code_verifier", VERIFIER)
                .post("/oauth/token").then().statusCode(200).extract().as(Map.class);
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndForTheWholeHost() {
        Browser browser = new Browser();
        browser.authorize(portal()).then().statusCode(200);
        Response redirect = browser.signIn("johndoe", "secret123");
        var cookie = redirect.getDetailedCookie(COOKIE);
        assertNotNull(cookie, "the sign-in sets the session cookie");
        assertTrue(cookie.isHttpOnly());
        assertEquals("Lax", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
        assertTrue(cookie.getValue().matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"));
    }

    @Test
    void aSecondAuthorizationInTheSameBrowserNeedsNoPasswordAndKeepsAuthTimeAndSid() throws Exception {
        SignedIn first = signedIn("johndoe");
        JwtClaims firstId = Jwks.verify(first.idToken());
        String sid = firstId.getStringClaimValue("sid");
        assertNotNull(sid, "the ID token names its session (RP-Initiated Logout)");

        Response again = first.browser().authorize(portal());
        assertEquals(303, again.statusCode(), "no sign-in page: " + again.asString());
        String idToken = redeem(PORTAL_WEB, redirectParams(again, false).get("code"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("id_token");
        JwtClaims second = Jwks.verify(idToken);
        assertEquals(sid, second.getStringClaimValue("sid"));
        assertEquals(firstId.getClaimValue("auth_time"), second.getClaimValue("auth_time"), "auth_time is the sign-in, not this request");
        assertEquals(SeedUsers.JOHNDOE_SUB, second.getSubject());

        // prompt=none: a code without any page.
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        Response code = first.browser().authorize(silent);
        assertEquals(303, code.statusCode());
        assertNotNull(redirectParams(code, false).get("code"));

        // Another browser has no session: prompt=none is login_required.
        assertEquals("login_required", redirectParams(new Browser().authorize(silent), false).get("error"));
    }

    @Test
    void maxAgeAndPromptLoginAskForThePasswordAgainInTheSameSession() throws Exception {
        SignedIn first = signedIn("janesmith");
        String sid = Jwks.verify(first.idToken()).getStringClaimValue("sid");
        long authTime = Jwks.verify(first.idToken()).getClaimValue("auth_time", Long.class);

        Map<String, String> recent = portal();
        recent.put("max_age", "3600");
        assertEquals(303, first.browser().authorize(recent).statusCode(), "signed in within the hour");

        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5)).until(() -> true);
        for (Map.Entry<String, String> forcing : List.of(Map.entry("max_age", "0"), Map.entry("prompt", "login"))) {
            Map<String, String> query = portal();
            query.put(forcing.getKey(), forcing.getValue());
            first.browser().authorize(query).then().statusCode(200).body(containsString("name=\"password\""));
        }
        Map<String, String> silentButTooOld = portal();
        silentButTooOld.put("max_age", "0");
        silentButTooOld.put("prompt", "none");
        assertEquals("login_required", redirectParams(first.browser().authorize(silentButTooOld), false).get("error"));
        Map<String, String> forced = portal();
        forced.put("prompt", "login");
        first.browser().authorize(forced).then().statusCode(200);
        Response redirect = first.browser().signIn("janesmith", "secret123");
        String idToken = redeem(PORTAL_WEB, redirectParams(redirect, false).get("code"), PORTAL_CALLBACK, VERIFIER)
                .statusCode(200).extract().path("id_token");
        JwtClaims renewed = Jwks.verify(idToken);
        assertEquals(sid, renewed.getStringClaimValue("sid"), "the same user signing in again keeps the session");
        assertTrue(renewed.getClaimValue("auth_time", Long.class) > authTime, "auth_time moves to the new sign-in");
    }

    @Test
    void aThirdPartyClientAsksForConsentOncePerSessionAndPromptNoneSaysConsentRequired() {
        SignedIn portal = signedIn("johndoe");
        TestClients.Registered partner = thirdParty();
        Map<String, String> query = openId(partner.clientId(), "https://partner.example/callback", "openid data:read");

        Map<String, String> silent = new java.util.HashMap<>(query);
        silent.put("prompt", "none");
        assertEquals("consent_required", redirectParams(portal.browser().authorize(silent), false).get("error"));

        portal.browser().authorize(query).then().statusCode(200).body(containsString("id=\"allow\""))
                .body(not(containsString("name=\"password\"")));
        Map<String, Object> tokens = redeemConfidential(partner, portal.browser().decide("allow"));
        assertNotNull(tokens.get("id_token"));

        assertNotNull(redirectParams(portal.browser().authorize(silent), false).get("code"), "consent is remembered in the session");
        Map<String, String> askAgain = new java.util.HashMap<>(query);
        askAgain.put("prompt", "consent");
        portal.browser().authorize(askAgain).then().statusCode(200).body(containsString("id=\"allow\""));

        // prompt=consent shows the consent page to a first-party client too.
        Map<String, String> firstParty = portal();
        firstParty.put("prompt", "consent");
        portal.browser().authorize(firstParty).then().statusCode(200).body(containsString("id=\"allow\""));
    }

    @Test
    void logoutWithIdTokenHintEndsTheSessionForEveryClientAndRevokesItsGrants() {
        SignedIn portal = signedIn("johndoe");
        TestClients.Registered partner = thirdParty();
        Map<String, String> partnerQuery = openId(partner.clientId(), "https://partner.example/callback", "openid data:read");
        portal.browser().authorize(partnerQuery);
        Map<String, Object> partnerTokens = redeemConfidential(partner, portal.browser().decide("allow"));

        Response out = portal.browser().get("/oauth/logout", Map.of("id_token_hint", portal.idToken(),
                "post_logout_redirect_uri", PORTAL_PAGE, "state", "bye"));
        assertEquals(303, out.statusCode(), out.asString());
        assertEquals(PORTAL_PAGE + "?state=bye", out.getHeader("Location"));
        assertNull(portal.browser().cookie(COOKIE), "the cookie is cleared");

        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertEquals("login_required", redirectParams(portal.browser().authorize(silent), false).get("error"));
        portal.browser().authorize(portal()).then().statusCode(200).body(containsString("name=\"password\""));

        // What both clients got in the session is revoked: refresh tokens and access tokens.
        given().formParam("grant_type", "refresh_token").formParam("client_id", PORTAL_WEB)
                .formParam("refresh_token", (String) portal.tokens().get("refresh_token")).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().preemptive().basic(partner.clientId(), partner.secret()).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", (String) partnerTokens.get("refresh_token")).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().preemptive().basic(partner.clientId(), partner.secret()).formParam("token", (String) partnerTokens.get("access_token"))
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
        given().auth().oauth2((String) portal.tokens().get("access_token")).get("/oauth/userinfo").then().statusCode(401);
    }

    @Test
    void aCodeOfASessionThatEndedBeforeItWasRedeemedGivesNothing() {
        SignedIn portal = signedIn("janesmith");
        Response again = portal.browser().authorize(portal());
        String code = redirectParams(again, false).get("code");
        portal.browser().get("/oauth/logout", Map.of("id_token_hint", portal.idToken())).then().statusCode(200)
                .body(containsString("id=\"signed-out\""));
        redeem(PORTAL_WEB, code, PORTAL_CALLBACK, VERIFIER).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aPostLogoutRedirectUriMustBeRegisteredExactlyForTheHintsClient() {
        SignedIn portal = signedIn("johndoe");
        TestClients.Registered partner = thirdParty();
        for (Map<String, String> bad : List.of(
                Map.of("id_token_hint", portal.idToken(), "post_logout_redirect_uri", PORTAL_PAGE + "/"),
                Map.of("id_token_hint", portal.idToken(), "post_logout_redirect_uri", "https://partner.example/signed-out"),
                Map.of("id_token_hint", portal.idToken(), "client_id", partner.clientId()),
                Map.of("post_logout_redirect_uri", PORTAL_PAGE),
                Map.of("id_token_hint", portal.idToken() + "x"),
                Map.of("id_token_hint", (String) portal.tokens().get("access_token")))) {
            Response refused = portal.browser().get("/oauth/logout", bad);
            assertEquals(400, refused.statusCode(), bad.keySet() + ": " + refused.asString());
            assertEquals(null, refused.getHeader("Location"));
        }
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertNotNull(redirectParams(portal.browser().authorize(silent), false).get("code"), "a refused logout ends nothing");

        // The client's own registered page, by client_id alone: the user confirms first.
        portal.browser().get("/oauth/logout", Map.of("client_id", partner.clientId(), "post_logout_redirect_uri",
                "https://partner.example/signed-out")).then().statusCode(200).body(containsString("id=\"sign-out\""));
    }

    @Test
    void logoutWithoutHintIsConfirmedOnAPageWithAFormOnlyThisBrowserCanPost() {
        SignedIn portal = signedIn("johndoe");
        portal.browser().get("/oauth/logout", Map.of()).then().statusCode(200).body(containsString("id=\"sign-out\""))
                .body(containsString("johndoe"));
        String token = portal.browser().hidden("csrf_token");

        // Another browser (no cookie), or this one with a forged token: refused, nothing ends.
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("csrf_token", token)
                .post("/oauth/logout/confirm").then().statusCode(403);
        given().redirects().follow(false).cookie(COOKIE, portal.browser().cookie(COOKIE)).contentType(ContentType.URLENC)
                .formParam("csrf_token", "forged").post("/oauth/logout/confirm").then().statusCode(403);
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertNotNull(redirectParams(portal.browser().authorize(silent), false).get("code"));

        portal.browser().get("/oauth/logout", Map.of());
        portal.browser().post("/oauth/logout/confirm", Map.of()).then().statusCode(200).body(containsString("id=\"signed-out\""));
        assertEquals("login_required", redirectParams(portal.browser().authorize(silent), false).get("error"));
    }

    /** An ID token of an earlier session vouches for that one only: the browser's new session is not ended without asking. */
    @Test
    void anOldIdTokenHintEndsItsOwnSessionButNotTheOneTheBrowserHoldsNow() {
        SignedIn first = signedIn("alexchen");
        first.browser().get("/oauth/logout", Map.of("id_token_hint", first.idToken())).then().statusCode(200);
        first.browser().authorize(portal()).then().statusCode(200);
        first.browser().signIn("alexchen", "secret123").then().statusCode(303);

        first.browser().get("/oauth/logout", Map.of("id_token_hint", first.idToken(), "post_logout_redirect_uri", PORTAL_PAGE))
                .then().statusCode(200).body(containsString("id=\"sign-out\""));
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertNotNull(redirectParams(first.browser().authorize(silent), false).get("code"), "the new session lives on");
    }

    /** RP-Initiated Logout §2 by POST from the client's site: no Lax cookie comes with it, so the browser is sent to the GET. */
    @Test
    void aLogoutPostWithoutTheCookieIsSentOnAsAGetThatCarriesIt() {
        SignedIn portal = signedIn("johndoe");
        Response post = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("id_token_hint", portal.idToken()).formParam("state", "s 1").post("/oauth/logout");
        assertEquals(303, post.statusCode(), post.asString());
        URI location = URI.create(post.getHeader("Location"));
        assertEquals("/oauth/logout", location.getPath());
        Response get = portal.browser().get(location.getPath(), queryOf(location));
        assertEquals(200, get.statusCode());
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertEquals("login_required", redirectParams(portal.browser().authorize(silent), false).get("error"));
    }

    /** Signing in again (prompt=login) gives the cookie a new secret: one taken before does not gain the new sign-in. */
    @Test
    void signingInAgainRotatesTheCookieSecret() {
        SignedIn portal = signedIn("janesmith");
        String before = portal.browser().cookie(COOKIE);
        Map<String, String> query = portal();
        query.put("max_age", "0");
        portal.browser().authorize(query).then().statusCode(200).body(containsString("name=\"password\""));
        portal.browser().signIn("janesmith", "secret123").then().statusCode(303);
        String after = portal.browser().cookie(COOKIE);
        assertEquals(before.substring(0, 22), after.substring(0, 22), "the same session");
        assertNotEquals(before, after);
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        Response stolen = given().redirects().follow(false).cookie(COOKIE, before).queryParams(silent).get("/oauth/authorize");
        assertEquals("login_required", redirectParams(stolen, false).get("error"));
    }

    /** Core §3.1.2.1: an id_token_hint of another user than the session's is a sign-in, and prompt=none is login_required. */
    @Test
    void anIdTokenHintOfAnotherUserDoesNotUseTheSession() {
        SignedIn john = signedIn("johndoe");
        SignedIn jane = signedIn("janesmith");
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        silent.put("id_token_hint", jane.idToken());
        assertEquals("login_required", redirectParams(john.browser().authorize(silent), false).get("error"));
        silent.put("id_token_hint", john.idToken());
        assertNotNull(redirectParams(john.browser().authorize(silent), false).get("code"));
        silent.put("id_token_hint", "not.a.token");
        assertEquals("invalid_request", redirectParams(john.browser().authorize(silent), false).get("error"));
    }

    /** What the user's groups do not allow goes back to the client as invalid_scope, after the sign-in as before it. */
    @Test
    void aUserEntitledToNoneOfTheScopesGetsInvalidScopeAtTheRedirectUri() {
        var hrApp = TestClients.publicClient().grants("authorization_code").scope("hr:read")
                .redirectUris("https://hr.example/cb").firstParty(true).register();
        Map<String, String> query = codeRequest(hrApp.clientId(), "https://hr.example/cb", "hr-state");
        query.put("scope", "hr:read");
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200);
        Response redirect = browser.signIn("johndoe", "secret123");
        assertEquals(303, redirect.statusCode(), redirect.asString());
        assertEquals("invalid_scope", redirectParams(redirect, false).get("error"));
        assertEquals("hr-state", redirectParams(redirect, false).get("state"));
    }

    /**
     * A user removed from a group since signing in does not keep its scopes through the session: the
     * session takes the groups the identity-service gives now (its status, asked again after 1 s in tests).
     */
    @Test
    void theSessionGrantsOnlyTheGroupsTheUserHasNow() throws Exception {
        var hrApp = TestClients.publicClient().grants("authorization_code").scope("openid hr:read payslips:read")
                .redirectUris("https://hr.example/cb").firstParty(true).register();
        Map<String, String> query = codeRequest(hrApp.clientId(), "https://hr.example/cb", "s");
        query.put("scope", "openid hr:read payslips:read");
        Browser browser = new Browser();
        browser.authorize(query).then().statusCode(200);
        Response first = browser.signIn("janesmith", "secret123");
        redeem(hrApp.clientId(), redirectParams(first, false).get("code"), "https://hr.example/cb", VERIFIER).statusCode(200)
                .body("scope", equalTo("openid hr:read payslips:read"));
        var pg = com.techcorp.oauth.teststorage.TestStorage.postgres();
        try (var db = java.sql.DriverManager.getConnection(pg.jdbcUrl("identity_for_auth_test"), pg.user(), pg.password())) {
            db.createStatement().executeUpdate("update users set groups = 'employees' where username = 'janesmith'");
            await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> true);
            Response again = browser.authorize(query);
            assertEquals(303, again.statusCode(), "the session signs her in: " + again.asString());
            redeem(hrApp.clientId(), redirectParams(again, false).get("code"), "https://hr.example/cb", VERIFIER).statusCode(200)
                    .body("scope", equalTo("openid payslips:read"));
        } finally {
            try (var db = java.sql.DriverManager.getConnection(pg.jdbcUrl("identity_for_auth_test"), pg.user(), pg.password())) {
                db.createStatement().executeUpdate("update users set groups = 'employees hr' where username = 'janesmith'");
            }
        }
    }

    private static Map<String, String> queryOf(URI uri) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void anAdministratorListsAUsersSessionsAndEndsOne() throws Exception {
        SignedIn laptop = signedIn("samokafor");
        SignedIn phone = signedIn("samokafor");
        String laptopSid = Jwks.verify(laptop.idToken()).getStringClaimValue("sid");
        String phoneSid = Jwks.verify(phone.idToken()).getStringClaimValue("sid");
        assertNotEquals(laptopSid, phoneSid, "one session per browser");
        String sub = Jwks.verify(laptop.idToken()).getSubject();
        String admin = TestClients.adminToken();

        given().auth().oauth2(admin).queryParam("sub", sub).get("/admin/sessions").then().statusCode(200)
                .body("sid", hasItem(laptopSid)).body("sid", hasItem(phoneSid))
                .body("username", hasItem("samokafor"))
                .body(not(containsString(laptop.browser().cookie(COOKIE).substring(23))));
        given().auth().oauth2(admin).delete("/admin/sessions/" + laptopSid).then().statusCode(204);
        given().auth().oauth2(admin).delete("/admin/sessions/" + laptopSid).then().statusCode(404);

        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        assertEquals("login_required", redirectParams(laptop.browser().authorize(silent), false).get("error"));
        assertNotNull(redirectParams(phone.browser().authorize(silent), false).get("code"), "the other device stays signed in");

        given().auth().oauth2(admin).queryParam("sub", sub).delete("/admin/sessions").then().statusCode(200)
                .body("ended", org.hamcrest.Matchers.greaterThanOrEqualTo(1)); // other tests sign this user in too
        given().auth().oauth2(admin).queryParam("sub", sub).get("/admin/sessions").then().statusCode(200).body("$", hasSize(0));
        assertEquals("login_required", redirectParams(phone.browser().authorize(silent), false).get("error"));

        given().auth().oauth2(admin).queryParam("sub", "bad\u0000sub").get("/admin/sessions").then().statusCode(400);
        given().queryParam("sub", sub).get("/admin/sessions").then().statusCode(401);
    }

    @Test
    void aUserDisabledAtTheIdentityServiceLosesTheSession() {
        var identityAdmin = TestClients.confidential().scope("identity:admin").register();
        String token = given().auth().preemptive().basic(identityAdmin.clientId(), identityAdmin.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String sub = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06"; // priyanair
        SignedIn signedIn = signedIn("priyanair");
        Map<String, String> silent = portal();
        silent.put("prompt", "none");
        given().baseUri(identityUrl).auth().oauth2(token).post("/v1/users/" + sub + "/disable").then().statusCode(200);
        try {
            // The identity-service's own revocation call, or at latest the next status check (1 s in tests), ends it.
            await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertEquals("login_required", redirectParams(signedIn.browser().authorize(silent), false).get("error"));
        } finally {
            given().baseUri(identityUrl).auth().oauth2(token).post("/v1/users/" + sub + "/enable").then().statusCode(200);
        }
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals("login_required", redirectParams(signedIn.browser().authorize(silent), false).get("error"),
                "enabled again, the user signs in again: the old session is gone for good");
    }
}
