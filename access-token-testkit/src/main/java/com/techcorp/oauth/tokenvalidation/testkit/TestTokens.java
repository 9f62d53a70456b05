package com.techcorp.oauth.tokenvalidation.testkit;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens as the auth-service makes them (RFC 9068: typ at+jwt, kid, iss, sub, aud, client_id,
 * scope, iat, exp, jti), signed by a test key, plus the forgeries a resource server must refuse.
 *
 * <p>The key is generated on first use and kept under {@code target/test-issuer/}, never committed:
 * Quarkus runs tests and test resources in different class loaders, and both must see one key.
 *
 * <pre>TestTokens.client("report_service_id").scope("data:read").audience("data-service").sign()</pre>
 */
public final class TestTokens {

    public static final String ISSUER = "http://test-issuer.invalid";
    private static final Path DIR = Path.of(System.getProperty("user.dir"), "target", "test-issuer");
    private static RsaJsonWebKey key;

    private final JwtClaims claims = new JwtClaims();
    private final List<String> audiences = new ArrayList<>();
    private String type = "at+jwt";
    private Duration lifetime = Duration.ofMinutes(5);
    private Instant issuedAt = Instant.now();

    private TestTokens(String subject, String clientId) {
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("client_id", clientId);
        claims.setJwtId(UUID.randomUUID().toString());
    }

    /** A client-credentials token: the subject is the client. */
    public static TestTokens client(String clientId) {
        return new TestTokens(clientId, clientId);
    }

    /** A user's token obtained through a client (password or authorization-code grant). */
    public static TestTokens user(String subject, String username) {
        TestTokens t = new TestTokens(subject, "techcorp_employee_portal");
        t.claims.setClaim("preferred_username", username);
        t.claims.setStringListClaim("groups", "employees");
        return t;
    }

    public TestTokens scope(String scope) {
        claims.setClaim("scope", scope);
        return this;
    }

    public TestTokens audience(String... audience) {
        audiences.addAll(List.of(audience));
        return this;
    }

    public TestTokens issuer(String issuer) {
        claims.setIssuer(issuer);
        return this;
    }

    public TestTokens type(String type) {
        this.type = type;
        return this;
    }

    /** Issued {@code ago} before now, valid for {@code lifetime}: an expired token when ago > lifetime. */
    public TestTokens issued(Duration ago, Duration lifetime) {
        this.issuedAt = Instant.now().minus(ago);
        this.lifetime = lifetime;
        return this;
    }

    public TestTokens claim(String name, Object value) {
        claims.setClaim(name, value);
        return this;
    }

    public String sign() {
        return sign(key(), key().getKeyId());
    }

    /** Signed by a key nobody published, under the published key's kid (a forgery). */
    public String signWithUnknownKey() {
        try {
            RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
            return sign(stranger, key().getKeyId());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, no signature (RFC 7515 §A.5 style forgery). */
    public String unsigned() {
        String header = "{\"alg\":\"none\",\"typ\":\"" + type + "\",\"kid\":\"" + key().getKeyId() + "\"}";
        return b64(header) + "." + b64(payload()) + ".";
    }

    /** HS256 with the public key as the HMAC secret: the classic algorithm-confusion forgery. */
    public String hs256WithPublicKey() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", type);
        jws.setKeyIdHeaderValue(key().getKeyId());
        jws.setKey(new HmacKey(key().getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(RsaJsonWebKey signer, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        if (type != null) {
            jws.setHeader("typ", type);
        }
        jws.setKey(signer.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String payload() {
        JwtClaims c;
        try {
            c = JwtClaims.parse(claims.toJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!audiences.isEmpty()) {
            c.setAudience(audiences);
        }
        c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        c.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
        return c.toJson();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The JWKS with the test key's public part, as a file SmallRye JWT can load. */
    public static Path jwksFile() {
        key();
        return DIR.resolve("jwks.json");
    }

    /** The test issuer's signing key (for {@link TestSecurityEvents}). */
    static RsaJsonWebKey signingKey() {
        return key();
    }

    private static synchronized RsaJsonWebKey key() {
        if (key != null) {
            return key;
        }
        try {
            Path keyFile = DIR.resolve("key.json");
            if (Files.exists(keyFile)) {
                Map<String, Object> params = org.jose4j.json.JsonUtil.parseJson(Files.readString(keyFile));
                key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(params);
            } else {
                key = RsaJwkGenerator.generateJwk(2048);
                key.setKeyId("test-" + UUID.randomUUID().toString().substring(0, 8));
                Files.createDirectories(DIR);
                Path tmp = Files.createTempFile(DIR, "key", ".json");
                Files.writeString(tmp, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
                Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            Files.writeString(DIR.resolve("jwks.json"), new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
