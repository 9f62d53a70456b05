package com.techcorp.portal.employee;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Every RFC 6750 case on GET /employee/payslips. */
@QuarkusTest
class PayslipsBearerTokenTest extends BearerTokenContract {

    @Override
    protected TestTokens valid() {
        return TestTokens.user(EmployeeResourceTest.JOHNDOE, "johndoe").scope(scope()).audience(audience());
    }

    @Override
    protected RequestSpecification request() {
        return given();
    }

    @Override
    protected String method() {
        return "GET";
    }

    @Override
    protected String path() {
        return "/employee/payslips";
    }

    @Override
    protected String scope() {
        return "payslips:read";
    }

    @Override
    protected String audience() {
        return "employee-portal-api";
    }
}
