package com.techcorp.data.support;

import com.techcorp.oauth.teststorage.PostgresRedisTestResource;
import com.techcorp.oauth.tokenvalidation.testkit.TestIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL (data_service_test, with the demo sales), and tokens from the test issuer. */
@WithTestResource(value = PostgresRedisTestResource.class, scope = TestResourceScope.GLOBAL, initArgs =
        @ResourceArg(name = "database", value = "data_service_test"))
@WithTestResource(value = TestIssuer.class, scope = TestResourceScope.GLOBAL)
public final class DataTestResources {
    private DataTestResources() {
    }
}
