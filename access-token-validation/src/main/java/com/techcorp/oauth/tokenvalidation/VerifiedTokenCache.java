package com.techcorp.oauth.tokenvalidation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SmallRye JWT's parser with a memory of tokens it has verified. A client reuses its access token
 * for many calls (report-service for an hour), and each call paid an RSA verification and a full
 * claims parse; SmallRye JWT keeps no such cache. A verified token is remembered until it expires,
 * and never longer than {@link #MAX_AGE}, so a key withdrawn from the JWKS stops being trusted
 * within a minute. Tokens that fail are not remembered: garbage cannot fill the cache.
 *
 * <p>It also checks what SmallRye JWT does not: the token is an access token in the RFC 9068
 * profile ({@code typ: at+jwt}, §4: "Resource servers MUST verify that the typ header value is
 * at+jwt"), so an ID token or any other JWT signed by the same key is refused. Issuer, audience,
 * expiry and the allowed algorithm are SmallRye JWT's configuration
 * (META-INF/microprofile-config.properties). Checked here, on the way into the cache, it costs
 * once per token rather than once per request.
 *
 * <p>The keys are {@link SigningKeys}': the parser verifies with a key already known and never
 * fetches, so no request waits on the auth-service here.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final DefaultJWTParser delegate;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(new Expiry<String, JsonWebToken>() {
                @Override
                public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                    long untilExpiry = TimeUnit.SECONDS.toNanos(jwt.getExpirationTime() - System.currentTimeMillis() / 1000);
                    return Math.max(0, Math.min(untilExpiry, MAX_AGE.toNanos()));
                }

                @Override
                public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long current) {
                    return current;
                }

                @Override
                public long expireAfterRead(String token, JsonWebToken jwt, long now, long current) {
                    return current;
                }
            })
            .build();

    private final SigningKeys keys;

    public VerifiedTokenCache(DefaultJWTParser delegate, SigningKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    /** The verified token, if this one was verified within {@link #MAX_AGE} and has not expired; else null. */
    public JsonWebToken known(String token) {
        return token == null ? null : verified.getIfPresent(token);
    }

    /** Forgets every verified token: a key was withdrawn, and the next use of each verifies it again. */
    void forgetAll() {
        verified.invalidateAll();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Header header = Header.of(token);
        JsonWebToken jwt = delegate.verify(token, keyOf(header));
        if (keys.known(header.keyId()) != null) { // not withdrawn while it was being verified
            verified.put(token, jwt);
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        Header.of(token);
        return delegate.parse(token, context);
    }

    /** The key the token names, if it is known now; never waits (see {@link SigningKeys#await}). */
    private PublicKey keyOf(Header header) throws ParseException {
        PublicKey key = keys.known(header.keyId());
        if (key == null) {
            throw new ParseException("the token's key is not in the auth-service's JWKS");
        }
        return key;
    }

    /**
     * What this service reads of a token's JOSE header before it verifies the token: its type,
     * which must be the RFC 9068 access token's, and the id of its key.
     */
    record Header(String keyId) {

        /** @throws ParseException when the token is not an access token of the RFC 9068 profile */
        static Header of(String raw) throws ParseException {
            Header header = read(raw);
            if (header == null) {
                throw new ParseException("not an RFC 9068 access token (typ must be at+jwt)");
            }
            return header;
        }

        /** The header of an RFC 9068 access token, or null when it is not one. */
        static Header read(String raw) {
            if (raw == null) {
                return null;
            }
            int dot = raw.indexOf('.');
            if (dot <= 0) {
                return null;
            }
            try {
                String json = new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)), StandardCharsets.UTF_8);
                Map<String, Object> header = JsonUtil.parseJson(json);
                String typ = String.valueOf(header.get("typ"));
                boolean accessToken = "at+jwt".equalsIgnoreCase(typ) || "application/at+jwt".equalsIgnoreCase(typ);
                return accessToken ? new Header(header.get("kid") instanceof String kid ? kid : null) : null;
            } catch (IllegalArgumentException | JoseException e) {
                return null;
            }
        }
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
