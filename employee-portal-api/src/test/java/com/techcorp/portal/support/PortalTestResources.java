package com.techcorp.portal.support;

import com.techcorp.oauth.teststorage.PostgresRedisTestResource;
import com.techcorp.oauth.tokenvalidation.testkit.TestIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL (employee_portal_test, with the demo employees), and tokens from the test issuer. */
@WithTestResource(value = PostgresRedisTestResource.class, scope = TestResourceScope.GLOBAL, initArgs =
        @ResourceArg(name = "database", value = "employee_portal_test"))
@WithTestResource(value = TestIssuer.class, scope = TestResourceScope.GLOBAL)
public final class PortalTestResources {
    private PortalTestResources() {
    }
}
