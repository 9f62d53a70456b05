package com.techcorp.report.report;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import io.quarkus.test.junit.QuarkusTest;

/** Every RFC 6750 case on GET /reports. */
@QuarkusTest
class ReportsBearerTokenTest extends BearerTokenContract {

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
