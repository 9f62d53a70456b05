package com.techcorp.report.dashboard;

import com.techcorp.report.support.UpstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard as a browser meets it, against the real auth-service upstream: no session → off
 * to sign in (authorization code + PKCE, nothing of the report in the answer); an analyst
 * (reports:read through the analysts group) sees the chart, and one already signed in at the
 * auth-service for another client is not asked for the password; an employee without the scope
 * sees a 403 page; signing out goes through the auth-service's logout and the next visit asks for
 * the password again.
 */
@QuarkusTest
class DashboardTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void registeredForThisPort() {
        UpstreamServices.pointDashboardAt(port);
    }

    private String auth() {
        return "http://127.0.0.1:" + System.getProperty(UpstreamServices.AUTH_PORT);
    }

    private String dashboard() {
        return "http://localhost:" + port + "/dashboard";
    }

    @Test
    void withoutASessionTheBrowserIsSentToSignInAndSeesNothingOfTheReport() {
        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        Response answer = given().redirects().follow(false).get("/dashboard");
        assertEquals(302, answer.statusCode(), answer.asString());
        String location = answer.getHeader("Location");
        assertTrue(location.startsWith(auth() + "/oauth/authorize?"), location);
        Map<String, String> query = query(URI.create(location));
        assertEquals("code", query.get("response_type"));
        assertEquals(UpstreamServices.DASHBOARD_CLIENT, query.get("client_id"));
        assertEquals(dashboard() + "/callback", query.get("redirect_uri"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("scope").contains("openid") && query.get("scope").contains("reports:read"), query.get("scope"));
        assertFalse(answer.asString().contains("USD"), "nothing of the report before sign-in");

        // The API keeps its bearer-token answers: a challenge, not a redirect.
        given().redirects().follow(false).get("/reports/latest").then().statusCode(401);
        given().redirects().follow(false).get("/dashboard/signed-out").then().statusCode(200);
    }

    @Test
    void anAnalystSignedInElsewhereSeesTheChartWithoutThePasswordAndSignsOut() {
        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        TwoHostBrowser browser = new TwoHostBrowser();
        // Signed in at the auth-service for the portal page first (its callback is not followed: only the session matters).
        browser.get(auth() + "/oauth/authorize?response_type=code&client_id=techcorp_portal_web&scope=openid%20payslips:read"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8084%2Fportal%2Fcallback&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        Response portal = browser.signIn(auth(), "lenaberg");
        assertEquals(303, portal.statusCode(), portal.asString());

        Response toSignIn = browser.get(dashboard());
        Response authorized = browser.follow(toSignIn);
        assertEquals(303, authorized.statusCode(), "no password asked: " + authorized.asString());
        Response page = browser.followToEnd(authorized);
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals("no-store", page.getHeader("Cache-Control"));
        assertTrue(page.asString().contains("<svg id=\"chart\""));
        assertTrue(page.asString().contains("1,202,350 USD"));
        assertTrue(page.asString().contains("<td>July</td><td>2024-07</td><td>100,000 USD</td><td>-16.7 %</td>"));
        assertTrue(page.asString().contains("lenaberg"), "shows who is signed in");

        Response signOut = browser.get(dashboard() + "/logout");
        assertEquals(302, signOut.statusCode());
        assertTrue(signOut.getHeader("Location").startsWith(auth() + "/oauth/logout?"), signOut.getHeader("Location"));
        Map<String, String> logout = query(URI.create(signOut.getHeader("Location")));
        assertTrue(logout.containsKey("id_token_hint"));
        assertEquals(dashboard() + "/signed-out", logout.get("post_logout_redirect_uri"));
        Response signedOut = browser.followToEnd(signOut);
        assertEquals(200, signedOut.statusCode());
        assertTrue(signedOut.asString().contains("id=\"signed-out\""), signedOut.asString());

        Response next = browser.followToEnd(browser.get(dashboard()));
        assertEquals(200, next.statusCode());
        assertTrue(next.asString().contains("name=\"password\""), "signed out everywhere: the password again");
    }

    @Test
    void anEmployeeWithoutReportsReadIsSignedInButSeesNoFigures() {
        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        TwoHostBrowser browser = new TwoHostBrowser();
        browser.follow(browser.get(dashboard()));
        Response page = browser.followToEnd(browser.signIn(auth(), "johndoe"));
        assertEquals(403, page.statusCode(), page.asString());
        assertTrue(page.asString().contains("id=\"forbidden\""));
        assertFalse(page.asString().contains("USD"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A browser between report-service and the auth-service: cookies kept per host and port, redirects followed by hand. */
    private static final class TwoHostBrowser {

        private final Map<String, Map<String, String>> cookies = new HashMap<>();
        private Response last;
        private URI lastUri;

        Response get(String url) {
            URI uri = URI.create(url);
            last = given().redirects().follow(false).cookies(jar(uri)).urlEncodingEnabled(false).get(url);
            return keep(uri);
        }

        /** Posts the sign-in form of the auth-service page last shown. */
        Response signIn(String auth, String username) {
            URI uri = URI.create(auth + "/oauth/authorize/login");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("request", hidden("request"));
            form.put("csrf_token", hidden("csrf_token"));
            form.put("username", username);
            form.put("password", "secret123");
            last = given().redirects().follow(false).cookies(jar(uri)).contentType("application/x-www-form-urlencoded")
                    .formParams(form).post(uri.toString());
            return keep(uri);
        }

        Response follow(Response redirect) {
            return get(lastUri.resolve(redirect.getHeader("Location")).toString());
        }

        Response followToEnd(Response redirect) {
            Response r = redirect;
            for (int hops = 0; hops < 10 && r.statusCode() >= 300 && r.statusCode() < 400; hops++) {
                r = follow(r);
            }
            return r;
        }

        private String hidden(String name) {
            Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(last.asString());
            return m.find() ? m.group(1) : null;
        }

        private Map<String, String> jar(URI uri) {
            return cookies.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new HashMap<>());
        }

        private Response keep(URI uri) {
            lastUri = uri;
            Map<String, String> jar = jar(uri);
            jar.putAll(last.getCookies());
            jar.values().removeIf(String::isEmpty);
            return last;
        }
    }
}
