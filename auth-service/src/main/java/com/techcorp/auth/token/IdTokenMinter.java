package com.techcorp.auth.token;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.keys.SigningKey;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.Sha256;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * OpenID Connect Core 1.0 ID tokens (§2, §3.1.3.6), signed with the key that signs the access
 * token beside it. The audience is the client alone (and {@code azp} names it), so no resource
 * server's audience check lets an ID token pass for an access token; {@code at_hash} binds it to
 * that access token.
 */
@ApplicationScoped
public class IdTokenMinter {

    /** Every method of signing in here is a password (RFC 8176 "pwd"). */
    private static final List<String> PASSWORD = List.of("pwd");

    private final KeyRing keys;
    private final String issuer;

    public IdTokenMinter(KeyRing keys, AuthConfig config) {
        this.keys = keys;
        this.issuer = config.issuer();
    }

    /**
     * @param authTime when the user signed in, epoch seconds
     * @param nonce    the authorization request's nonce, or null
     * @param sid      the sign-on session (for RP-initiated logout), or null
     * @param name     the user's name (scope profile), or null
     * @param lifetime how long the ID token is valid (the client's access-token lifetime)
     */
    public String mint(String clientId, String subject, String username, long authTime, String nonce, String sid, String name, Duration lifetime,
                       IssuedToken access) {
        // Its own clock: the access token's iat may name the next second (a client's cutoff).
        Instant now = Instant.now();
        SigningKey key = keys.signingKey(now);
        JwtClaimsBuilder builder = Jwt.claims()
                .issuer(issuer)
                .subject(subject)
                .audience(clientId)
                .claim("azp", clientId)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("amr", PASSWORD)
                .claim("at_hash", atHash(access.value()));
        if (authTime > 0) {
            // 0: a code of a sign-in that a replica of the previous version completed, which did not keep it.
            builder.claim("auth_time", authTime);
        }
        if (nonce != null) {
            builder.claim("nonce", nonce);
        }
        if (sid != null) {
            builder.claim("sid", sid);
        }
        if (name != null) {
            builder.claim("name", name);
        }
        if (username != null) {
            builder.preferredUserName(username);
        }
        return builder.jws().type("JWT").keyId(key.kid()).algorithm(key.algorithm().jws()).sign(key.privateKey());
    }

    /**
     * Core §3.1.3.6: the left half of the hash of the access token's ASCII, base64url. The hash is
     * the one of the JWS algorithm: SHA-256 for RS256 and ES256, the only two this server signs with.
     */
    static String atHash(String accessToken) {
        byte[] digest = Sha256.of(accessToken);
        return RandomTokens.base64url(Arrays.copyOf(digest, digest.length / 2));
    }
}
