package com.techcorp.auth.admin;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.keys.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;
import java.util.Set;

/**
 * Verifies the auth-service's own access tokens against the keys in memory (no JWKS fetch from
 * itself): signature by a published key, RFC 9068 {@code typ}, issuer, audience, expiry.
 */
@ApplicationScoped
public class AdminTokenVerifier {

    private final JwtConsumer consumer;

    public AdminTokenVerifier(KeyRing ring, AuthConfig config, ScopePolicy scopes) {
        this.consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(scopes.audiences(Set.of(AdminTokenFilter.ADMIN_SCOPE)).toArray(String[]::new))
                .setRequireExpirationTime()
                .setRequireSubject()
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
}
