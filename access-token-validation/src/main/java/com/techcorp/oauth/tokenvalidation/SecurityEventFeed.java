package com.techcorp.oauth.tokenvalidation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Polls the auth-service's security events (RFC 8936, long poll) and applies each revocation to
 * {@link RevocationLists}, so that a token revoked there is refused here within about a second
 * although it is validated locally. Each SET (RFC 8417) must be signed by a key of the
 * auth-service's JWKS ({@link SigningKeys}), be of type {@code secevent+jwt} and come from the
 * issuer; anything else is ignored and logged. The feed starts from the beginning of the log,
 * which holds every revocation still in force, and continues from its cursor: with the
 * auth-service away it keeps what it has and tries again every few seconds, and on its return
 * applies everything it missed.
 *
 * <p>Off when no client secret is configured ({@code tokenvalidation.events.client-secret}).
 */
@ApplicationScoped
public class SecurityEventFeed {

    static final String TOKEN_REVOKED = "urn:techcorp:secevent:access-token-revoked";
    static final String GRANT_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    static final String SUBJECT_TOKENS_REVOKED = "urn:techcorp:secevent:subject-tokens-revoked";
    static final String CLIENT_TOKENS_REVOKED = "urn:techcorp:secevent:client-tokens-revoked";
    static final String KEY_WITHDRAWN = "urn:techcorp:secevent:signing-key-withdrawn";
    private static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final SigningKeys keys;
    private final VerifiedTokenCache verified;
    private final RevocationLists lists;
    private final Optional<String> url;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final String issuer;
    private final Duration keepCutoffs;
    private final Counter applied;
    private final Counter ignored;
    private HttpClient client;
    private volatile String cursor = "0";
    private volatile boolean caughtUp;
    private volatile boolean stopped;
    private volatile long lastLagSeconds;
    private volatile boolean loggedIgnored;

    public SecurityEventFeed(Vertx vertx, SigningKeys keys, VerifiedTokenCache verified, RevocationLists lists, MeterRegistry registry,
                             @ConfigProperty(name = "tokenvalidation.events.url") Optional<String> url,
                             @ConfigProperty(name = "tokenvalidation.events.client-id", defaultValue = "none") String clientId,
                             @ConfigProperty(name = "tokenvalidation.events.client-secret") Optional<String> clientSecret,
                             @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                             @ConfigProperty(name = "tokenvalidation.events.keep-cutoffs", defaultValue = "PT25H") Duration keepCutoffs) {
        this.vertx = vertx;
        this.keys = keys;
        this.verified = verified;
        this.lists = lists;
        this.url = url.filter(u -> !u.isBlank());
        this.clientId = clientId;
        this.clientSecret = clientSecret.filter(s -> !s.isBlank());
        this.issuer = issuer;
        this.keepCutoffs = keepCutoffs;
        this.applied = Counter.builder("tokenvalidation.security_events.applied").register(registry);
        this.ignored = Counter.builder("tokenvalidation.security_events.ignored").register(registry);
        Gauge.builder("tokenvalidation.security_events.lag.seconds", this, feed -> feed.lastLagSeconds)
                .description("when the last security event was applied, minus when it was issued").register(registry);
    }

    /** Whether the feed is configured at all. */
    public boolean enabled() {
        return url.isPresent() && clientSecret.isPresent();
    }

    /** Whether the feed has read the log to its end at least once since start. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            Log.warn("security events are off (no tokenvalidation.events.url or client secret): revoked tokens stay valid here until they expire");
            return;
        }
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setMaxPoolSize(1).setKeepAlive(true));
        vertx.setPeriodic(60_000, id -> lists.purge(Instant.now()));
        pollNext(true);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void pollNext(boolean immediately) {
        if (stopped) {
            return;
        }
        if (!keys.hasKeys()) {
            // Nothing could be verified yet: wait for the JWKS rather than skip events.
            vertx.setTimer(500, id -> pollNext(immediately));
            return;
        }
        poll(immediately).subscribe().with(
                more -> pollNext(more),
                failure -> {
                    Log.debugf("security events poll failed (%s); retrying in %s", failure.getMessage(), RETRY);
                    vertx.setTimer(RETRY.toMillis(), id -> pollNext(true));
                });
    }

    /** One poll; completes with whether to poll again at once (more available, or caught up for the first time). */
    private Uni<Boolean> poll(boolean immediately) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret.orElseThrow()).getBytes(StandardCharsets.UTF_8));
        JsonObject body = new JsonObject().put("cursor", cursor).put("maxEvents", 500).put("returnImmediately", immediately);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.orElseThrow())
                .putHeader("Authorization", "Basic " + basic).putHeader("Content-Type", "application/json")
                .setIdleTimeout(LONG_POLL_MARGIN.plusSeconds(20).toMillis());
        return Uni.createFrom().completionStage(() -> client.request(request)
                        .compose(req -> req.send(body.toBuffer()))
                        .compose(response -> response.statusCode() == 200
                                ? response.body()
                                : io.vertx.core.Future.<Buffer>failedFuture("HTTP " + response.statusCode()))
                        .toCompletionStage())
                .ifNoItem().after(LONG_POLL_MARGIN.plusSeconds(20)).fail()
                .map(Buffer::toJsonObject)
                .call(page -> learnKeys(page.getJsonObject("sets", new JsonObject())))
                .map(page -> {
                    JsonObject sets = page.getJsonObject("sets", new JsonObject());
                    sets.forEach(entry -> apply(String.valueOf(entry.getValue())));
                    String next = page.getString("cursor");
                    if (next != null) {
                        cursor = next;
                    }
                    boolean more = page.getBoolean("moreAvailable", false);
                    if (!more && !caughtUp) {
                        caughtUp = true;
                        Log.infof("security events caught up (%d revocations held)", lists.size());
                    }
                    return more;
                });
    }

    /**
     * Fetches the JWKS first when a SET names a key not known yet: the successor of a withdrawn key
     * signs at once, without pre-publication, and the withdrawal's own event is the first thing it
     * signs. A key still unknown after that is a forgery's, and its SET is ignored.
     */
    private Uni<Void> learnKeys(JsonObject sets) {
        Set<String> unknown = new HashSet<>();
        sets.forEach(entry -> {
            try {
                String kid = JsonWebStructure.fromCompactSerialization(String.valueOf(entry.getValue())).getKeyIdHeaderValue();
                if (kid != null && keys.known(kid) == null) {
                    unknown.add(kid);
                }
            } catch (JoseException e) {
                // refused, and counted, when applied
            }
        });
        return unknown.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(unknown.stream().limit(3).map(keys::learn).toList()).andCollectFailures().replaceWithVoid();
    }

    /** Applies one SET if it is genuine; returns whether it was. */
    boolean apply(String set) {
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(set);
            PublicKey key = keys.known(jws.getKeyIdHeaderValue());
            if (key == null || !"secevent+jwt".equals(jws.getHeader("typ"))) {
                return refuse("unknown key or not a secevent+jwt");
            }
            jws.setKey(key);
            if (!jws.verifySignature()) {
                return refuse("signature does not verify");
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!issuer.equals(claims.getIssuer())) {
                return refuse("another issuer");
            }
            return applyEvents(claims);
        } catch (JoseException | InvalidJwtException | MalformedClaimException | ClassCastException | NumberFormatException e) {
            return refuse(e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private boolean applyEvents(JwtClaims claims) throws MalformedClaimException {
        Map<String, Object> events = (Map<String, Object>) claims.getClaimValue("events");
        Map<String, Object> subject = (Map<String, Object>) claims.getClaimValue("sub_id");
        if (events == null || subject == null || events.size() != 1) {
            return refuse("not one event with a subject");
        }
        var event = events.entrySet().iterator().next();
        Map<String, Object> body = (Map<String, Object>) event.getValue();
        long keepUntil = Instant.now().plus(keepCutoffs).getEpochSecond();
        switch (event.getKey()) {
            case TOKEN_REVOKED -> lists.token(id(subject, "opaque"), number(body, "exp"));
            case GRANT_REVOKED -> lists.grant(id(subject, "opaque"), number(body, "until"));
            case SUBJECT_TOKENS_REVOKED -> {
                if (!"iss_sub".equals(subject.get("format")) || !issuer.equals(subject.get("iss"))) {
                    return refuse("subject of another issuer");
                }
                lists.subject(String.valueOf(subject.get("sub")), number(body, "issued_before"), keepUntil);
            }
            case CLIENT_TOKENS_REVOKED -> lists.client(id(subject, "opaque"), number(body, "issued_before"), keepUntil);
            case KEY_WITHDRAWN -> {
                keys.withdraw(id(subject, "opaque"), number(body, "until"));
                verified.forgetAll(); // tokens it signed may sit in the cache of verified ones
            }
            default -> {
                return refuse("unknown event type");
            }
        }
        applied.increment();
        if (claims.getIssuedAt() != null) {
            lastLagSeconds = Math.max(0, Instant.now().getEpochSecond() - claims.getIssuedAt().getValue());
        }
        return true;
    }

    private static String id(Map<String, Object> subject, String format) {
        Object id = subject.get("id");
        if (!format.equals(subject.get("format")) || !(id instanceof String s) || s.isEmpty()) {
            throw new ClassCastException("subject identifier of format " + subject.get("format"));
        }
        return s;
    }

    private static long number(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof Number n)) {
            throw new NumberFormatException(name + " missing");
        }
        return n.longValue();
    }

    private boolean refuse(String why) {
        ignored.increment();
        if (!loggedIgnored) {
            loggedIgnored = true; // once: a flood of forgeries must not flood the log
            Log.warnf("a security event was ignored: %s (further ones are only counted: tokenvalidation.security_events.ignored)", why);
        }
        return false;
    }
}
