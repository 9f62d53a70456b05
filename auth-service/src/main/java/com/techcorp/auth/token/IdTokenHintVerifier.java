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
import java.util.Optional;

/**
 * Verifies an {@code id_token_hint} (RP-Initiated Logout 1.0 §2, Core §3.1.2.1): an ID token this
 * server issued, signed by a key it still publishes. Its expiry is not checked: the spec asks the
 * OP to accept an expired ID token from a client whose user signed in recently, and signing out is
 * what an expired session is for. "Recently" is a session's absolute lifetime: an older hint could
 * name no session that still lives.
 */
@ApplicationScoped
public class IdTokenHintVerifier {

    private final JwtConsumer consumer;
    private final String issuer;
    private final long maxAgeSeconds;

    public IdTokenHintVerifier(KeyRing ring, AuthConfig config) {
        this.issuer = config.issuer();
        this.maxAgeSeconds = config.sessions().absoluteTimeout().toSeconds();
        // No default validators (they would refuse an expired hint); the issuer is checked below.
        this.consumer = new JwtConsumerBuilder()
                .setSkipAllDefaultValidators()
                .setExpectedType(true, "JWT")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256")
                .setVerificationKeyResolver((jws, context) -> ring.byKid(jws.getKeyIdHeaderValue(), Instant.now())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown kid"))
                        .publicKey())
                .build();
    }

    /** The hint's claims if this server issued it as an ID token (one audience, its client), else empty. */
    public Optional<JwtClaims> verify(String idToken) {
        if (!AccessTokenVerifier.looksLikeJwt(idToken) || idToken.length() > 8192) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(idToken);
            boolean recent = claims.getIssuedAt() != null && claims.getIssuedAt().getValue() >= Instant.now().getEpochSecond() - maxAgeSeconds;
            return recent && issuer.equals(claims.getIssuer()) && claims.getAudience().size() == 1 && claims.getSubject() != null
                    ? Optional.of(claims) : Optional.empty();
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
