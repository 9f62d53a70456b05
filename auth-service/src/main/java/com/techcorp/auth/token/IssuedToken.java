package com.techcorp.auth.token;

import java.time.Instant;

/** A minted access token with what the grant needs to answer and to track it, and the key that signed it. */
public record IssuedToken(String value, String jti, String scope, Instant issuedAt, Instant expiresAt, String kid) {

    public long expiresIn() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
