package com.techcorp.auth.token;

import java.time.Instant;

/** A minted access token with what the grant needs to answer and to track it. */
public record IssuedToken(String value, String jti, String scope, Instant issuedAt, Instant expiresAt) {

    public long expiresIn() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
