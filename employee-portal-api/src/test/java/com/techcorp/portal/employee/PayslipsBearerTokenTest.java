package com.techcorp.portal.employee;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Every RFC 6750 case on GET /employee/payslips. */
@QuarkusTest
class PayslipsBearerTokenTest extends BearerTokenContract {

    @Override
    protected TestTokens valid() {
        return TestTokens.user(EmployeeResourceTest.JOHNDOE, "johndoe").scope(scope()).audience(audience());
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
