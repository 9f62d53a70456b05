package com.techcorp.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser clients against the running suite. The portal page in headless Chromium (Debian's
 * package, driven by playwright-core from npm): a wrong password shows the error, the right one
 * shows July 3000 USD, signing out revokes the refresh token and ends the sign-on session. Single
 * sign-on: an analyst signed in at the portal opens the report dashboard without the password,
 * signs out there, and is asked for it at the next visit. openid-client (npm, pinned) runs the
 * OpenID Connect code flow with its own checks. Screenshots are kept in target/screenshots. Where
 * Chromium or Node.js is missing the test is skipped, unless REQUIRE_BROWSER=1 (CI) makes that a
 * failure.
 */
class PortalBrowserTest {

    private static final Path BROWSER_DIR = Path.of(System.getProperty("user.dir"), "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "1".equals(System.getenv("REQUIRE_BROWSER"));
        boolean available = Files.isExecutable(CHROMIUM) && run(List.of("node", "--version"), 30).exit() == 0;
        if (required) {
            assertTrue(available, "REQUIRE_BROWSER=1 but " + CHROMIUM + " or node is missing (.ci/run installs them)");
        } else {
            Assumptions.assumeTrue(available, "no Chromium at " + CHROMIUM + " or no node: browser test skipped");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))
                || !Files.isDirectory(BROWSER_DIR.resolve("node_modules/openid-client"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertEquals(0, install.exit(), "npm ci failed:\n" + install.output());
        }
        suite = new Suite();
        given().baseUri(suite.url(suite.auth)).auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("client_id", Suite.PORTAL_WEB_CLIENT, "client_name", "TechCorp Employee Portal (web, e2e)",
                        "confidential", false, "first_party", true, "grant_types", List.of("authorization_code", "refresh_token"),
                        "scope", "openid payslips:read leave:read", "redirect_uris", List.of(suite.portalCallback()),
                        "post_logout_redirect_uris", List.of(suite.portalPage())))
                .post("/admin/clients").then().statusCode(201);
        given().baseUri(suite.url(suite.auth)).auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("client_id", OIDC_CLIENT, "confidential", false, "first_party", true,
                        "grant_types", List.of("authorization_code"), "scope", "openid payslips:read",
                        "redirect_uris", List.of(OIDC_CALLBACK), "post_logout_redirect_uris", List.of(OIDC_SIGNED_OUT)))
                .post("/admin/clients").then().statusCode(201);
    }

    /** A public client for openid-client; its redirect URIs are never opened: the script reads them from the redirects. */
    private static final String OIDC_CLIENT = "openid_client_e2e";
    private static final String OIDC_CALLBACK = "http://localhost:1/openid-client/callback";
    private static final String OIDC_SIGNED_OUT = "http://localhost:1/openid-client/signed-out";

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void anEmployeeSignsInSeesTheirPayslipsAndSignsOut() throws Exception {
        Path screenshots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Result result = run(List.of("node", "portal.mjs"), 180,
                "PORTAL_URL", "http://localhost:" + suite.portal, "SCREENSHOT_DIR", screenshots.toString());
        assertEquals(0, result.exit(), "the browser scenario failed:\n" + result.output());
        assertTrue(Files.size(screenshots.resolve("portal-signed-in.png")) > 1000, "screenshot of the signed-in page");

        String lastLine = result.output().lines().filter(l -> l.startsWith("{\"refreshToken\"")).findFirst().orElseThrow();
        String refreshToken = lastLine.replaceAll(".*\"refreshToken\":\"([^\"]+)\".*", "$1");
        given().baseUri(suite.url(suite.auth))
                .formParam("grant_type", "refresh_token").formParam("client_id", Suite.PORTAL_WEB_CLIENT)
                .formParam("refresh_token", refreshToken)
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void anAnalystSignedInAtThePortalOpensTheDashboardWithoutThePasswordAndSignsOutEverywhere() throws Exception {
        Path screenshots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Result result = run(List.of("node", "sso.mjs"), 240, "PORTAL_URL", "http://localhost:" + suite.portal,
                "DASHBOARD_URL", "http://localhost:" + suite.report + "/dashboard", "SCREENSHOT_DIR", screenshots.toString());
        assertEquals(0, result.exit(), "the single sign-on scenario failed:\n" + result.output());
        assertTrue(Files.size(screenshots.resolve("dashboard-single-sign-on.png")) > 1000, "screenshot of the dashboard");
    }

    @Test
    void openidClientRunsTheCodeFlowWithPkceAndNonceAndValidatesTheIdToken() throws Exception {
        Result result = run(List.of("node", "oidc-client.mjs"), 120, "ISSUER", "http://localhost:" + suite.auth,
                "CLIENT_ID", OIDC_CLIENT, "REDIRECT_URI", OIDC_CALLBACK, "POST_LOGOUT_URI", OIDC_SIGNED_OUT);
        assertEquals(0, result.exit(), "openid-client failed:\n" + result.output());
        assertTrue(result.output().contains("\"loginRequiredAfterLogout\":true"), result.output());
    }

    private static String adminToken() {
        return given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("bootstrap-admin", Suite.ADMIN_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command in e2e-tests/browser; its output goes to a file so that the timeout can fire. */
    private static Result run(List<String> command, int timeoutSeconds, String... env) throws IOException, InterruptedException {
        Path output = Files.createTempFile("browser-test-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        return finished ? new Result(process.exitValue(), text) : new Result(-1, "timed out after " + timeoutSeconds + " s\n" + text);
    }
}
