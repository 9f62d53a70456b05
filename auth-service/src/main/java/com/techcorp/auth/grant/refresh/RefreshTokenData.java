package com.techcorp.auth.grant.refresh;

import java.time.Instant;
import java.util.List;

/**
 * What a refresh token stands for, as kept in Redis (the token itself is never stored, only its
 * SHA-256). {@code scope} is the family's scope: a refresh never widens it (RFC 6749 §6).
 */
public record RefreshTokenData(
        String family,
        String clientId,
        String subject,
        String username,
        List<String> groups,
        String scope,
        Instant absoluteExpiry) {
}
