package com.techcorp.oauth.tokenvalidation.testkit;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Security Event Tokens as the auth-service publishes them (RFC 8417, {@code typ: secevent+jwt}),
 * signed by the test issuer's key, and their delivery: {@link #publish} appends one to the log
 * that {@link TestIssuer}'s poll endpoint serves (a file, as the key is: the tests and the service
 * under test run in different class loaders).
 */
public final class TestSecurityEvents {

    public static final String TOKEN_REVOKED = "urn:techcorp:secevent:access-token-revoked";
    public static final String CLIENT_TOKENS_REVOKED = "urn:techcorp:secevent:client-tokens-revoked";
    static final Path LOG = Path.of(System.getProperty("user.dir"), "target", "test-issuer", "security-events.log");

    private TestSecurityEvents() {
    }

    /** A SET revoking the access token {@code jti} until {@code exp}. */
    public static String tokenRevoked(String jti, long exp) {
        return sign(TestTokens.signingKey(), Map.of("format", "opaque", "id", jti), TOKEN_REVOKED, Map.of("exp", exp));
    }

    /** The same event signed by a key nobody published, under the published key's kid. */
    public static String forgedTokenRevoked(String jti, long exp) {
        try {
            RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId(TestTokens.signingKey().getKeyId());
            return sign(stranger, Map.of("format", "opaque", "id", jti), TOKEN_REVOKED, Map.of("exp", exp));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a SET to the log the test issuer serves. */
    public static void publish(String set) {
        try {
            Files.createDirectories(LOG.getParent());
            Files.writeString(LOG, set + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> published() {
        try {
            return Files.exists(LOG) ? Files.readAllLines(LOG).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(RsaJsonWebKey key, Map<String, Object> subject, String type, Map<String, Object> event) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestTokens.ISSUER);
        claims.setIssuedAt(NumericDate.now());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("sub_id", subject);
        claims.setClaim("events", Map.of(type, event));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "secevent+jwt");
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
