package com.techcorp.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registered client, as an immutable value. Confidential clients have a secret (stored only as
 * a hash); public clients have none and may use only the grants their registration names.
 */
public record Client(
        String clientId,
        String name,
        String secretHash,
        boolean confidential,
        Set<String> grantTypes,
        Set<String> allowedScopes,
        Set<String> defaultScopes,
        List<String> redirectUris,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        boolean enabled) {

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
