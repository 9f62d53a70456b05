package com.techcorp.auth.securityevents;

import com.techcorp.auth.config.AuthConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Every revocation of access tokens, in one place: what this service itself checks (introspection)
 * is written to Redis, and the same revocation is published as a Security Event Token (RFC 8417)
 * to the {@link SecurityEventLog}, which resource servers poll (RFC 8936), so that they refuse the
 * token within a second although they validate it locally. Either both happen or the caller gets
 * the failure (a 503 while Redis is away): a revocation is never silently dropped.
 *
 * <p>Kinds: one token by {@code jti}; every token of a grant by {@code sid}; every token of a
 * subject, or of a client, issued before an instant; every token of a withdrawn signing key.
 */
@ApplicationScoped
public class Revocations {

    private final ReactiveValueCommands<String, String> values;
    private final SecurityEventLog log;
    private final SecurityEventSigner signer;
    private final String issuer;
    private final String prefix;
    private final String tokenPrefix;
    private final long retentionSeconds;

    private final MeterRegistry registry;

    public Revocations(ReactiveRedisDataSource redis, SecurityEventLog log, SecurityEventSigner signer, AuthConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.values = redis.value(String.class);
        this.log = log;
        this.signer = signer;
        this.issuer = config.issuer();
        this.prefix = config.redis().keyPrefix() + "{secevents}:";
        // The key revoked access tokens have always had: tokens revoked before an upgrade stay revoked.
        this.tokenPrefix = config.redis().keyPrefix() + "revoked:";
        this.retentionSeconds = config.tokens().maxAccessTokenLifetime().plus(config.tokens().clockSkew()).toSeconds();
    }

    /** One access token, until it would have expired. */
    public Uni<Void> token(String jti, Instant expiresAt) {
        if (!expiresAt.isAfter(Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return values.set(tokenPrefix + jti, "1", new SetArgs().exAt(expiresAt))
                .chain(() -> publish(SecurityEventTypes.TOKEN_REVOKED, opaque(jti), Map.of("exp", expiresAt.getEpochSecond())));
    }

    /** Every access token carrying {@code sid = grantId}; they all expire by {@code until}. */
    public Uni<Void> grant(String grantId, Instant until) {
        if (grantId == null || !until.isAfter(Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return values.set(prefix + "grant:" + grantId, "1", new SetArgs().exAt(until))
                .chain(() -> publish(SecurityEventTypes.GRANT_REVOKED, opaque(grantId),
                        Map.of("event_timestamp", Instant.now().getEpochSecond(), "until", until.getEpochSecond())));
    }

    /** Every access token of the subject issued before {@code issuedBefore}. */
    public Uni<Void> subject(String subject, Instant issuedBefore) {
        return values.set(prefix + "subject:" + subject, Long.toString(issuedBefore.getEpochSecond()), new SetArgs().ex(retentionSeconds))
                .chain(() -> publish(SecurityEventTypes.SUBJECT_TOKENS_REVOKED,
                        Map.of("format", "iss_sub", "iss", issuer, "sub", subject),
                        Map.of("issued_before", issuedBefore.getEpochSecond())));
    }

    /**
     * Every access token of the client issued before {@code issuedBefore}. What this service checks
     * is the client's {@code tokens_not_before} in PostgreSQL, which the caller has moved; this
     * tells the resource servers.
     */
    public Uni<Void> client(String clientId, Instant cutoff) {
        // Tokens of the cutoff's own second too: a token issued after it names the next second.
        return publish(SecurityEventTypes.CLIENT_TOKENS_REVOKED, opaque(clientId), Map.of("issued_before", cutoff.getEpochSecond() + 1));
    }

    /**
     * Every token a withdrawn key signed (this service has stopped using and publishing it;
     * {@code KeyManager}): the resource servers drop the key, though their JWKS may still hold it.
     * Signed with the key that signs now, which is not the withdrawn one.
     */
    public Uni<Void> key(String kid, Instant until) {
        return publish(SecurityEventTypes.KEY_WITHDRAWN, opaque(kid), Map.of("until", until.getEpochSecond()));
    }

    /**
     * Whether a verified access token is revoked by its jti, its grant or its subject's cutoff
     * (the client's cutoff is the client registry's {@code tokens_not_before}).
     */
    public Uni<Boolean> isRevoked(JwtClaims claims) {
        try {
            String jti = claims.getJwtId();
            String sid = claims.getClaimValueAsString("sid");
            long issuedAt = claims.getIssuedAt().getValue();
            Uni<Boolean> byJti = values.get(tokenPrefix + jti).map(v -> v != null);
            Uni<Boolean> byGrant = sid == null ? Uni.createFrom().item(false) : values.get(prefix + "grant:" + sid).map(v -> v != null);
            Uni<Boolean> bySubject = values.get(prefix + "subject:" + claims.getSubject())
                    .map(cutoff -> cutoff != null && issuedAt < Long.parseLong(cutoff));
            return Uni.combine().all().unis(byJti, byGrant, bySubject).with((a, b, c) -> a || b || c);
        } catch (MalformedClaimException e) {
            return Uni.createFrom().item(true);
        }
    }

    private static Map<String, Object> opaque(String id) {
        return Map.of("format", "opaque", "id", id);
    }

    private Uni<Void> publish(String type, Map<String, Object> subjectId, Map<String, Object> event) {
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setJwtId(jti);
        claims.setClaim("sub_id", subjectId);
        claims.setClaim("events", Map.of(type, event));
        return Uni.createFrom().item(() -> signer.sign(claims.toJson()))
                .flatMap(set -> log.append(jti, set))
                .invoke(id -> registry.counter("auth.security_events.published", "type", type).increment())
                .replaceWithVoid();
    }
}
