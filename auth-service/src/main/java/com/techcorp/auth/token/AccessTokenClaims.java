package com.techcorp.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an access token says, before it is signed. Its audiences follow from its scopes; the
 * minter works them out ({@link com.techcorp.auth.scope.ScopePolicy#audiences}).
 *
 * @param subject  the user's stable id, or the client id when there is no user (RFC 9068 §2.2)
 * @param username for {@code preferred_username}; null without a user
 * @param groups   for {@code groups}; empty without a user
 * @param grantId  for {@code sid}: the grant the token belongs to (its refresh-token family), so
 *                 that revoking the grant revokes its access tokens together; null without one
 * @param clientCutoff the client's {@code tokens_not_before}, or null: a token is issued after it
 *                 (its {@code iat} a second later when they fall in the same second), since every
 *                 token whose {@code iat} is not after the cutoff's second counts as cut off
 */
public record AccessTokenClaims(
        String subject,
        String clientId,
        Set<String> scopes,
        Duration lifetime,
        String username,
        List<String> groups,
        String grantId,
        Instant clientCutoff) {

    public static AccessTokenClaims forClient(String clientId, Set<String> scopes, Duration lifetime) {
        return new AccessTokenClaims(clientId, clientId, scopes, lifetime, null, List.of(), null, null);
    }

    public static AccessTokenClaims forClient(String clientId, Set<String> scopes, Duration lifetime, Instant clientCutoff) {
        return new AccessTokenClaims(clientId, clientId, scopes, lifetime, null, List.of(), null, clientCutoff);
    }
}
