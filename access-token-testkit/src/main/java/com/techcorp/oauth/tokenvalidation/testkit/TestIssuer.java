package com.techcorp.oauth.tokenvalidation.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points SmallRye JWT at the test issuer's JWKS (a file) instead of a running auth-service. Use
 * with {@code @WithTestResource(TestIssuer.class)} and mint tokens with {@link TestTokens}.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestTokens.jwksFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
    }
}
