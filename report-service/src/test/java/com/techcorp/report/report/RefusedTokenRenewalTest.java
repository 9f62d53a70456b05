package com.techcorp.report.report;

import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import com.techcorp.report.support.UpstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * data-service refuses the cached token (here: the auth-service lost its keys and came back with
 * new ones): the 401 makes the OIDC client get one new token and the call is retried once, so the
 * report is built without the caller seeing anything.
 */
@QuarkusTest
class RefusedTokenRenewalTest {

    private static RequestSpecification asAnalyst() {
        return given().auth().oauth2(TestTokens.client("analyst").scope("reports:read").audience("report-service").sign());
    }

    private static double tokensIssuedToReportService() {
        String metrics = given().baseUri("http://127.0.0.1:" + System.getProperty(UpstreamServices.AUTH_PORT))
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("oauth_tokens_issued_total\\{client_id=\"report_service_id\",grant_type=\"client_credentials\"} ([0-9.]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheCallRetried() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> asAnalyst().post("/reports/monthly-sales").then().extract().statusCode() == 201);

        UpstreamServices.replaceAuthorizationServer();
        assertEquals(0, tokensIssuedToReportService(), "a new auth-service has issued nothing yet");

        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        assertEquals(1, tokensIssuedToReportService(), "exactly one renewal after the 401");
        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        assertEquals(1, tokensIssuedToReportService(), "and the renewed token is cached again");
    }

    /** data-service refuses every token (it expects another issuer): a clear 502 after one renewal, nothing stored. */
    @Test
    void aTokenRefusedAlsoAfterRenewalIsABadGateway() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> asAnalyst().post("/reports/monthly-sales").then().extract().statusCode() == 201);
        int before = asAnalyst().queryParam("size", 100).get("/reports").then().extract().jsonPath().getList("id").size();
        try {
            UpstreamServices.restartDataService(Map.of("AUTH_ISSUER", "http://some-other-issuer.example"));
            asAnalyst().post("/reports/monthly-sales").then().statusCode(502)
                    .body("error", equalTo("bad_gateway"))
                    .body("error_description", equalTo("data-service refused the report service's access token"));
            assertEquals(before, asAnalyst().queryParam("size", 100).get("/reports").then().extract().jsonPath().getList("id").size());
        } finally {
            UpstreamServices.restartDataService(Map.of());
        }
    }
}
