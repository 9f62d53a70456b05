package com.techcorp.report.report;

import com.techcorp.report.support.UpstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static com.techcorp.report.support.ReportCalls.tokensIssuedToReportService;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ReportService scenario: its own client-credentials token from the real auth-service, the
 * sales from the real data-service, the report stored and served.
 */
@QuarkusTest
class ReportFlowTest {

    @Test
    void generatesStoresAndServesTheMonthlyReportWithOneTokenForManyCalls() {
        String id = asAnalyst().post("/reports/monthly-sales").then().statusCode(201)
                .body("first_period", equalTo("2023-08"))
                .body("last_period", equalTo("2024-07"))
                .body("total_minor", equalTo(120235000))
                .body("best_period", equalTo("2023-12"))
                .body("worst_period", equalTo("2024-01"))
                .body("months", hasSize(12))
                .body("months[11].revenue_minor", equalTo(10000000))
                .body("months[11].change_minor", equalTo(-2000000))
                .extract().path("id");
        double tokens = tokensIssuedToReportService();
        assertTrue(tokens >= 1);
        for (int i = 0; i < 3; i++) {
            asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        }
        assertEquals(tokens, tokensIssuedToReportService(), "the token is cached: no token request per call");

        asAnalyst().get("/reports/" + id).then().statusCode(200).body("id", equalTo(id));
        asAnalyst().get("/reports").then().statusCode(200).body("id", hasItem(id));
        asAnalyst().get("/reports/latest").then().statusCode(200).body("last_period", equalTo("2024-07"));
        asAnalyst().queryParam("page", 214748365).get("/reports").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAnalyst().get("/reports/not-a-uuid").then().statusCode(404).body("error", equalTo("not_found"));
        asAnalyst().get("/reports/6f1c2a0e-0000-4000-8000-000000000000").then().statusCode(404);
    }
}
