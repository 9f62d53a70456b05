package com.techcorp.portal.employee;

import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class EmployeeResourceTest {

    static final String JOHNDOE = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01";
    static final String JANESMITH = "6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02";

    private static RequestSpecification as(String subject, String username, String scope) {
        return given().auth().oauth2(TestTokens.user(subject, username).scope(scope).audience("employee-portal-api").sign());
    }

    @Test
    void johnDoeSeesTheSeedsPayslipsAndLeave() {
        as(JOHNDOE, "johndoe", "payslips:read leave:read").get("/employee/payslips").then().statusCode(200)
                .body("payslips", hasSize(2))
                .body("payslips[0].month", equalTo("July"))
                .body("payslips[0].amount", equalTo("3000 USD"))
                .body("payslips[1].month", equalTo("June"))
                .body("payslips[1].amount", equalTo("3200 USD"))
                .body("leave_balance", equalTo("10 days"))
                .body("payslips[0].period", equalTo("2024-07"))
                .body("payslips[0].amount_minor", equalTo(300000));
    }

    @Test
    void eachEmployeeSeesOnlyTheirOwnRecordsWhateverTheRequestSays() {
        as(JANESMITH, "janesmith", "payslips:read").queryParam("employee", JOHNDOE).queryParam("sub", JOHNDOE)
                .header("X-Employee-Id", JOHNDOE)
                .get("/employee/payslips").then().statusCode(200)
                .body("payslips", hasSize(4))
                .body("payslips.amount", equalTo(List.of("4100 USD", "4100 USD", "3950 USD", "3950 USD")))
                .body("leave_balance", equalTo("14.5 days"));
        as(JANESMITH, "janesmith", "leave:read").get("/employee/leave-balance").then().statusCode(200)
                .body("leave_balance", equalTo("14.5 days"));
    }

    @Test
    void anEmployeeWithoutRecordsGetsEmptyOnes() {
        as("6f1c2a0e-0000-4000-8000-000000000099", "newhire", "payslips:read").get("/employee/payslips").then()
                .statusCode(200).body("payslips", hasSize(0)).body("leave_balance", equalTo("0 days"));
    }

    @Test
    void aClientCredentialsTokenHasNoEmployeeAndIsRefused() {
        String machine = TestTokens.client("report_service_id").scope("payslips:read leave:read hr:read")
                .audience("employee-portal-api").sign();
        for (String path : List.of("/employee/payslips", "/employee/leave-balance", "/employee/hr-updates")) {
            given().auth().oauth2(machine).get(path).then().statusCode(403).body("error", equalTo("access_denied"));
        }
    }

    @Test
    void leaveAndHrUpdatesNeedTheirOwnScopes() {
        as(JOHNDOE, "johndoe", "payslips:read").get("/employee/leave-balance").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        as(JOHNDOE, "johndoe", "hr:read").get("/employee/hr-updates").then().statusCode(200)
                .body("hr_updates", hasSize(3))
                .body("hr_updates[0].title", equalTo("Open enrollment for benefits"));
    }
}
