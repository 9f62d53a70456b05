package com.techcorp.e2e;

import io.restassured.RestAssured;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source documents' two scenarios, replayed as they write them, against the five services
 * running as processes with real PostgreSQL and Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourceScenariosTest {

    private static Suite suite;

    @BeforeAll
    static void start() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        suite = new Suite();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    /** The TechCorp mobile app: the seed's password request, then GET /employee/payslips. */
    static String mobileAppLogin(Suite suite) {
        return given().baseUri(suite.url(suite.auth)).contentType("application/x-www-form-urlencoded")
                .body("grant_type=password&username=johndoe&password=secret123&client_id=techcorp_employee_portal&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("refresh_token", notNullValue())
                .extract().path("access_token");
    }

    /** DataCorp's ReportService: the seed's client-credentials request. */
    static String reportServiceToken(Suite suite) {
        return given().baseUri(suite.url(suite.auth)).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=report_service_id&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("refresh_token", equalTo(null))
                .extract().path("access_token");
    }

    static void payslipsAsTheSeedShowsThem(Suite suite, String token) {
        given().baseUri(suite.url(suite.portal)).header("Authorization", "Bearer " + token)
                .get("/employee/payslips").then().statusCode(200)
                .body("payslips", hasSize(2))
                .body("payslips[0].month", equalTo("July")).body("payslips[0].amount", equalTo("3000 USD"))
                .body("payslips[1].month", equalTo("June")).body("payslips[1].amount", equalTo("3200 USD"))
                .body("leave_balance", equalTo("10 days"));
    }

    static void salesAsTheSeedShowsThem(Suite suite, String token) {
        given().baseUri(suite.url(suite.data)).header("Authorization", "Bearer " + token)
                .get("/data").then().statusCode(200)
                .body("sales_data[0].month", equalTo("July")).body("sales_data[0].revenue", equalTo("100,000 USD"))
                .body("sales_data[1].month", equalTo("June")).body("sales_data[1].revenue", equalTo("120,000 USD"));
    }

    @Test
    void techCorpEmployeePortal() {
        payslipsAsTheSeedShowsThem(suite, mobileAppLogin(suite));
    }

    @Test
    void dataCorpReportServiceFetchesData() {
        salesAsTheSeedShowsThem(suite, reportServiceToken(suite));
    }

    @Test
    void reportServiceBuildsAReportThroughItsOwnCachedToken() {
        String admin = given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("bootstrap-admin", Suite.ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                .extract().path("access_token");
        var analyst = given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("client_id", "e2e-analyst", "grant_types", List.of("client_credentials"), "scope", "reports:read"))
                .post("/admin/clients").then().statusCode(201).extract();
        String token = given().baseUri(suite.url(suite.auth)).auth().preemptive()
                .basic("e2e-analyst", analyst.<String>path("client_secret"))
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                .extract().path("access_token");
        given().baseUri(suite.url(suite.report)).auth().oauth2(token).post("/reports/monthly-sales").then().statusCode(201)
                .body("last_period", equalTo("2024-07")).body("months", hasSize(12));
        // The dashboard is for signed-in people: its browser is sent to the auth-service's sign-in (PortalBrowserTest goes on).
        given().baseUri(suite.url(suite.report)).redirects().follow(false).get("/dashboard").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.startsWith("http://localhost:" + suite.auth + "/oauth/authorize?"));
    }

    @Test
    void tokensOfTheOldAndTheNewSigningKeyAreBothAccepted() throws Exception {
        String before = reportServiceToken(suite);
        String beforeUser = mobileAppLogin(suite);
        String admin = given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("bootstrap-admin", Suite.ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().path("access_token");
        var rotation = given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).post("/admin/keys/rotate")
                .then().statusCode(200).extract();
        Instant activeFrom = Instant.parse(rotation.path("active_from"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(activeFrom.plusMillis(1500)));

        String after = reportServiceToken(suite);
        String afterUser = mobileAppLogin(suite);
        assertEquals(rotation.<String>path("kid"), kid(after));
        assertNotEquals(kid(before), kid(after));
        salesAsTheSeedShowsThem(suite, before);
        salesAsTheSeedShowsThem(suite, after);
        payslipsAsTheSeedShowsThem(suite, beforeUser);
        payslipsAsTheSeedShowsThem(suite, afterUser);
    }

    @Test
    void oneRequestIdFollowsALoginThroughTheAuthServiceAndTheIdentityService() throws Exception {
        String id = "e2e-" + java.util.UUID.randomUUID();
        given().baseUri(suite.url(suite.auth)).header("X-Request-Id", id).contentType("application/x-www-form-urlencoded")
                .body("grant_type=password&username=johndoe&password=secret123&client_id=techcorp_employee_portal&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200).header("X-Request-Id", equalTo(id));
        await().atMost(Duration.ofSeconds(5)).until(() -> suite.log("auth-service").contains("[req:" + id + "]")
                && suite.log("identity-service").contains("[req:" + id + "]"));
        assertTrue(suite.log("auth-service").lines().anyMatch(l -> l.contains("[req:" + id + "]") && l.contains("event=token_issued")),
                "the audit event carries the request id");
        assertTrue(suite.log("identity-service").lines().anyMatch(l -> l.contains("[req:" + id + "]") && l.contains("credentials verified")));
    }

    /** Resource servers validate locally: with the auth-service gone, the keys they cached still work. */
    @Test
    @Order(Integer.MAX_VALUE)
    void resourceServersKeepValidatingWhenTheAuthServiceIsDown() {
        String token = reportServiceToken(suite);
        String user = mobileAppLogin(suite);
        suite.stopAuthService();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                given().baseUri(suite.url(suite.auth)).get("/q/health/live");
                return false;
            } catch (Exception refused) {
                return true;
            }
        });
        // Past the JWKS max-age (2 s here): the resource servers' re-fetch now fails, and they must
        // keep the keys they have (smallrye.jwt.jwks.retain-cache-on-error-duration).
        await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
        salesAsTheSeedShowsThem(suite, token);
        payslipsAsTheSeedShowsThem(suite, user);

        // report-service started while the auth-service is away: it is ready (its API needs only the
        // keys it will fetch), and its dashboard says that signing in is unavailable, not a 500.
        suite.restartReportService();
        given().baseUri(suite.url(suite.report)).redirects().follow(false).get("/dashboard").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", equalTo("temporarily_unavailable"));
    }

    private static String kid(String token) throws Exception {
        return ((JsonWebSignature) JsonWebStructure.fromCompactSerialization(token)).getKeyIdHeaderValue();
    }
}
