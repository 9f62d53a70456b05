package com.techcorp.data.sales;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import io.quarkus.test.junit.QuarkusTest;

/** Every RFC 6750 case on GET /data. */
@QuarkusTest
class SalesBearerTokenTest extends BearerTokenContract {

    @Override
    protected String path() {
        return "/data";
    }

    @Override
    protected String scope() {
        return "data:read";
    }

    @Override
    protected String audience() {
        return "data-service";
    }
}
