package com.techcorp.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registered client, as an immutable value. Confidential clients have a secret (stored only as
 * a hash); public clients have none and may use only the grants their registration names.
 * First-party clients (the suite's own apps) skip the consent step of the authorization endpoint.
 *
 * @param tokensNotBefore tokens issued before this instant are no longer honoured where the registration is checked:
 *                        the secret changed, the client was disabled or lost a scope since
 * @param postLogoutRedirectUris where the browser may be sent after signing out (RP-Initiated Logout 1.0), exact strings
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
        boolean enabled,
        boolean firstParty,
        boolean plainPkceAllowed,
        java.time.Instant tokensNotBefore,
        List<String> postLogoutRedirectUris) {

    /** What a client_id may look like: checked before any lookup, so odd input never reaches the database. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]{3,100}");

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
