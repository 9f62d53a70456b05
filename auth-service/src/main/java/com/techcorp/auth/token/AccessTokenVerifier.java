package com.techcorp.auth.token;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.keys.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;

/**
 * Verifies this service's own access tokens against the keys in memory (no JWKS fetch from itself):
 * signature by a published key, RFC 9068 {@code typ}, issuer, expiry. Callers check the audience
 * and scope they need.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private final JwtConsumer consumer;

    public AccessTokenVerifier(KeyRing ring, AuthConfig config) {
        this.consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(config.issuer())
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) config.tokens().clockSkew().toSeconds())
                .setExpectedType(true, "at+jwt")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256")
                .setVerificationKeyResolver((jws, context) -> ring.byKid(jws.getKeyIdHeaderValue(), Instant.now())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown kid"))
                        .publicKey())
                .build();
    }

    public JwtClaims verify(String token) throws InvalidJwtException {
        return consumer.processToClaims(token);
    }

    /** Cheap pre-check: three dot-separated parts, like a JWS compact serialization. */
    public static boolean looksLikeJwt(String token) {
        return token != null && token.chars().filter(c -> c == '.').count() == 2;
    }
}
