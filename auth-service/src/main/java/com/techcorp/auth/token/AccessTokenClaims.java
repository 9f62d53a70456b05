package com.techcorp.auth.token;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What an access token says, before it is signed. Its audiences follow from its scopes; the
 * minter works them out ({@link com.techcorp.auth.scope.ScopePolicy#audiences}).
 *
 * @param subject  the user's stable id, or the client id when there is no user (RFC 9068 §2.2)
 * @param username for {@code preferred_username}; null without a user
 * @param groups   for {@code groups}; empty without a user
 */
public record AccessTokenClaims(
        String subject,
        String clientId,
        Set<String> scopes,
        Duration lifetime,
        String username,
        List<String> groups) {

    public static AccessTokenClaims forClient(String clientId, Set<String> scopes, Duration lifetime) {
        return new AccessTokenClaims(clientId, clientId, scopes, lifetime, null, List.of());
    }
}
