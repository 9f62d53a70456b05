package com.techcorp.identity.support;

import com.techcorp.oauth.teststorage.PostgresRedisTestResource;
import com.techcorp.oauth.tokenvalidation.testkit.TestIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL (identity_service_test), and tokens from the test issuer instead of an auth-service. */
@WithTestResource(value = PostgresRedisTestResource.class, scope = TestResourceScope.GLOBAL, initArgs =
        @ResourceArg(name = "database", value = "identity_service_test"))
@WithTestResource(value = TestIssuer.class, scope = TestResourceScope.GLOBAL)
public final class IdentityTestResources {
    private IdentityTestResources() {
    }
}
