package com.techcorp.data.sales;

import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import com.techcorp.oauth.teststorage.TestStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class SalesResourceTest {

    private static RequestSpecification asReportService() {
        return given().auth().oauth2(TestTokens.client("report_service_id").scope("data:read").audience("data-service").sign());
    }

    @Test
    void theSeedsShapeNewestFirst() {
        asReportService().get("/data").then().statusCode(200)
                .body("sales_data", hasSize(12))
                .body("sales_data[0].month", equalTo("July"))
                .body("sales_data[0].revenue", equalTo("100,000 USD"))
                .body("sales_data[1].month", equalTo("June"))
                .body("sales_data[1].revenue", equalTo("120,000 USD"))
                .body("sales_data[0].period", equalTo("2024-07"))
                .body("sales_data[0].amount_minor", equalTo(10000000))
                .body("sales_data[0].currency", equalTo("USD"));
    }

    @Test
    void periodFiltersAreInclusive() {
        asReportService().queryParam("from", "2024-06").queryParam("to", "2024-07").get("/data").then().statusCode(200)
                .body("sales_data", hasSize(2))
                .body("sales_data.period", equalTo(java.util.List.of("2024-07", "2024-06")));
        asReportService().queryParam("from", "2030-01").get("/data").then().statusCode(200).body("sales_data", hasSize(0));
    }

    @Test
    void badPeriodsAreAJsonBadRequest() {
        for (String bad : new String[]{"2024-13", "July", "2024-7", "2024-07-01", "'; drop table monthly_sales; --"}) {
            asReportService().queryParam("from", bad).get("/data").then().statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body(not(containsString("Exception")));
        }
        asReportService().queryParam("from", "2024-07").queryParam("to", "2024-06").get("/data").then().statusCode(400);
    }

    @Test
    void unknownPathsAreJsonToo() {
        asReportService().get("/nope").then().statusCode(404).body("error", equalTo("not_found"));
    }

    /** The database away: a 503 with Retry-After, never a 500, and answers again once it is back. */
    @Test
    void aDatabaseAwayIsA503AndTheServiceRecovers() {
        TestStorage.away(TestStorage.postgres(), "data_service_test", true);
        try {
            asReportService().queryParam("from", "2001-01").get("/data").then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body(not(containsString("Exception")));
        } finally {
            TestStorage.away(TestStorage.postgres(), "data_service_test", false);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                asReportService().queryParam("from", "2001-01").get("/data").then().statusCode(200));
    }
}
