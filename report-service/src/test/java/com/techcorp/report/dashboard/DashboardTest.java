package com.techcorp.report.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class DashboardTest {

    @Test
    void showsTheLatestReportAsATableAndAChart() {
        asAnalyst().post("/reports/monthly-sales").then().statusCode(201);
        given().get("/dashboard").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<svg id=\"chart\""))
                .body(containsString("<rect class=\"best\""))
                .body(containsString("2023-12: 132,600 USD"))
                .body(containsString("<td>July</td><td>2024-07</td><td>100,000 USD</td><td>-16.7 %</td>"))
                .body(containsString("1,202,350 USD"));
    }
}
