package com.techcorp.auth.support;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.oauth.teststorage.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Form bodies that cannot be decoded are 400 invalid_request (RFC 6749 §5.2) at every endpoint that
 * takes one; they were 500s with a stack trace per request. Values that decode but cannot belong
 * get their own field's answer.
 */
@QuarkusTest
class MalformedFormTest {

    private static final List<String> FORM_ENDPOINTS = List.of(
            "/oauth/token", "/oauth/revoke", "/oauth/introspect", "/oauth/authorize/login", "/oauth/authorize/consent");

    private static final List<String> UNDECODABLE = List.of(
            "grant_type=client_credentials&x=%zz", "grant_type=client_credentials&x=%4", "grant_type=client_credentials&x=%",
            "%", "token=a&=value", "=", "grant_type=client_credentials&x=%C3%28", "x=%FF%FE", "x=%ED%A0%80",
            "a=1&" + "p=1&".repeat(120));

    @TestHTTPResource("/")
    URL base;

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (SeedUsers.PORTAL_CLIENT + ":" + SeedUsers.PORTAL_SECRET).getBytes(StandardCharsets.US_ASCII));

    private RawHttp.Answer post(String path, String contentType, byte[] body) {
        return RawHttp.send(base.getPort(), "POST " + path + " HTTP/1.1\r\nAuthorization: " + BASIC + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n", body);
    }

    private static void isInvalidRequest(RawHttp.Answer answer) {
        assertEquals(400, answer.status(), answer.head() + "\n" + answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.head());
        assertEquals("no-store", answer.header("Cache-Control"));
        assertTrue(answer.body().contains("\"error\":\"invalid_request\""), answer.body());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("at org."), answer.body());
    }

    @Test
    void undecodableBodiesAreInvalidRequestEverywhere() {
        for (String path : FORM_ENDPOINTS) {
            for (String body : UNDECODABLE) {
                isInvalidRequest(post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII)));
            }
            isInvalidRequest(post(path, "application/x-www-form-urlencoded", new byte[]{'x', '=', (byte) 0xC3, '(', }));
        }
    }

    @Test
    void aCharsetThatIsNotUtf8OrLatin1IsInvalidRequest() {
        for (String path : FORM_ENDPOINTS) {
            for (String charset : List.of("foo", "utf-16", "x-nonexistent-42", "\"\"")) {
                isInvalidRequest(post(path, "application/x-www-form-urlencoded; charset=" + charset,
                        "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII)));
            }
        }
        // What some HTTP libraries declare for an ASCII form still works, in any spelling of its name.
        for (String charset : List.of("ISO-8859-1", "utf8", "UTF-8", "us-ascii")) {
            assertEquals(200, post("/oauth/token", "application/x-www-form-urlencoded; charset=" + charset,
                    "grant_type=password&username=johndoe&password=secret123".getBytes(StandardCharsets.US_ASCII)).status(), charset);
        }
    }

    @Test
    void controlCharactersGetTheirFieldsOwnAnswer() {
        // A client_id no client can have: client authentication fails.
        given().contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&client_id=a%00b&client_secret=x")
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        // A username no user can have: the wrong-password answer, without asking the identity-service.
        var nul = post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=john%00doe&password=secret123".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, nul.status(), nul.body());
        assertTrue(nul.body().contains("\"invalid_grant\""), nul.body());
        var scope = post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=johndoe&password=secret123&scope=payslips%3Aread%01".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, scope.status(), scope.body());
        assertTrue(scope.body().contains("\"invalid_scope\""), scope.body());
    }

    @Test
    void anUndecodableAuthorizationRequestIsAPageNotAServerError() {
        for (String query : List.of("client_id=%zz", "client_id=techcorp_portal_web&state=%", "=x", "client_id=%C3%28")) {
            var page = RawHttp.send(base.getPort(), "GET /oauth/authorize?" + query + " HTTP/1.1\r\n", new byte[0]);
            // A page of ours, or (a URL the HTTP layer itself cannot take apart) its bare 400: never a redirect.
            assertEquals(400, page.status(), query + "\n" + page.head());
            assertNull(page.header("Location"));
            assertFalse(page.body().contains("Exception"));
        }
    }

    @Test
    void theSignInFormWithAHostileUsernameDoesNotEchoIt() {
        Browser browser = new Browser();
        browser.authorize(Map.of("response_type", "code", "client_id", "techcorp_portal_web",
                "redirect_uri", "http://localhost:8084/portal/callback", "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256", "state", "s")).then().statusCode(200);
        var answer = browser.signIn("<script>x</script>\u0001" + "y".repeat(100), "secret123");
        answer.then().statusCode(401).body(not(containsString("<script>x"))).body(not(containsString("yyyyyyyyyy")));
    }
}
