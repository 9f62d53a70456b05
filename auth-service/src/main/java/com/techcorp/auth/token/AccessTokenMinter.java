package com.techcorp.auth.token;

import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.keys.SigningKey;
import com.techcorp.auth.scope.ScopePolicy;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * Signs access tokens in the RFC 9068 profile with the current key of the {@link KeyRing}. Grants
 * decide what a token says; this class turns that into a signed JWT, its audiences those of its scopes.
 */
@ApplicationScoped
public class AccessTokenMinter {

    private final KeyRing keys;
    private final ScopePolicy scopes;
    private final String issuer;

    public AccessTokenMinter(KeyRing keys, ScopePolicy scopes, AuthConfig config) {
        this.keys = keys;
        this.scopes = scopes;
        this.issuer = config.issuer();
    }

    public IssuedToken mint(AccessTokenClaims claims) {
        Instant clock = Instant.now();
        Instant now = clock;
        if (claims.clientCutoff() != null && now.getEpochSecond() <= claims.clientCutoff().getEpochSecond()) {
            // Issued after a cutoff of this very second: iat has whole seconds, so it names the next one.
            now = Instant.ofEpochSecond(claims.clientCutoff().getEpochSecond() + 1);
        }
        Instant expiresAt = now.plus(claims.lifetime());
        // The key by the clock, not by that iat: a successor may begin signing only at its
        // activation, when every resource server has had the pre-publication window to fetch it.
        SigningKey key = keys.signingKey(clock);
        String jti = UUID.randomUUID().toString();
        String scope = String.join(" ", claims.scopes());
        JwtClaimsBuilder builder = Jwt.claims()
                .issuer(issuer)
                .subject(claims.subject())
                // RFC 9068 §3: the resource servers the granted scopes belong to.
                .audience(scopes.audiences(claims.scopes()))
                .claim("client_id", claims.clientId())
                .claim("scope", scope)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", jti);
        if (claims.grantId() != null) {
            builder.claim("sid", claims.grantId());
        }
        if (claims.username() != null) {
            builder.preferredUserName(claims.username());
            builder.groups(new LinkedHashSet<>(claims.groups()));
        }
        String jwt = builder.jws()
                .type("at+jwt") // RFC 9068 §2.1
                .keyId(key.kid())
                .algorithm(key.algorithm().jws())
                .sign(key.privateKey());
        AuditLog.issued(claims.username() == null ? "client" : "user", claims.clientId(), claims.subject(), jti, scope);
        return new IssuedToken(jwt, jti, scope, now, expiresAt, key.kid());
    }
}
