package com.techcorp.auth.support;

import com.techcorp.oauth.teststorage.PostgresRedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every auth-service test runs against real PostgreSQL (database auth_service_test), Redis and identity-service. */
@WithTestResource(value = PostgresRedisTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = "database", value = "auth_service_test"),
        @ResourceArg(name = "redis-prefix-property", value = "auth.redis.key-prefix")})
@WithTestResource(value = IdentityServiceProcess.class, scope = TestResourceScope.GLOBAL)
public final class AuthTestStorage {
    private AuthTestStorage() {
    }
}
