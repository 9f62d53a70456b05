package com.techcorp.report.report;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Every RFC 6750 case on GET /reports. */
@QuarkusTest
class ReportsBearerTokenTest extends BearerTokenContract {

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
        return "/reports";
    }

    @Override
    protected String scope() {
        return "reports:read";
    }

    @Override
    protected String audience() {
        return "report-service";
    }
}
