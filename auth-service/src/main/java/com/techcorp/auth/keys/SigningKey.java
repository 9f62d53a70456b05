package com.techcorp.auth.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;

/**
 * A signing key as held in memory.
 *
 * @param privateKey     null when it could not be decrypted (another key-encryption key): then it is
 *                       only published, never used to sign
 * @param signsUntil     when its successor starts to sign; null while it has none
 * @param publishedUntil when the last token it signed has expired; null while it has no successor
 * @param jwk            its public JWK (RFC 7517), the only form in which it leaves the service
 */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        PublicKey publicKey,
        PrivateKey privateKey,
        Instant activeFrom,
        Instant signsUntil,
        Instant publishedUntil,
        Map<String, Object> jwk) {

    public boolean canSignAt(Instant now) {
        return privateKey != null && !activeFrom.isAfter(now);
    }

    public boolean publishedAt(Instant now) {
        return publishedUntil == null || now.isBefore(publishedUntil);
    }
}
