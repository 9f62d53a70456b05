package com.techcorp.report.report;

import com.techcorp.report.support.UpstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static com.techcorp.report.support.ReportCalls.tokensIssuedToReportService;
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
