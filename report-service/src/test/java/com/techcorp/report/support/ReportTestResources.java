package com.techcorp.report.support;

import com.techcorp.oauth.teststorage.PostgresRedisTestResource;
import com.techcorp.oauth.tokenvalidation.testkit.TestIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL (report_service_test); the real auth-service and data-service upstream; inbound
 * tokens (reports:read) from the test issuer.
 */
@WithTestResource(value = PostgresRedisTestResource.class, scope = TestResourceScope.GLOBAL, initArgs =
        @ResourceArg(name = "database", value = "report_service_test"))
@WithTestResource(value = UpstreamServices.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestIssuer.class, scope = TestResourceScope.GLOBAL)
public final class ReportTestResources {
    private ReportTestResources() {
    }
}
