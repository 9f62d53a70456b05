package com.techcorp.oauth.tokenvalidation;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auth-service's public signing keys, from its JWKS, fetched in the background and never on a
 * request's way when a key already known can answer it.
 *
 * <p>Written here rather than left to SmallRye JWT because its JWKS cache (jose4j's
 * {@code HttpsJwks}) fetches synchronously inside token parsing, on the event loop (Quarkus
 * authenticates non-blocking), with jose4j's fixed 20 s connect and read timeouts and three retries:
 * with the cache expired and the auth-service frozen, one request waited 61 s and held its event
 * loop for all of them. Here a fetch has a timeout of {@code tokenvalidation.jwks.fetch-timeout},
 * runs on Vert.x's non-blocking client, and the set in use is replaced only when a fetch succeeds.
 * Only a token whose key id is not known waits, for at most that timeout, and such waits cause a
 * re-fetch at most once per {@code unknown-key-refresh-interval}, so made-up key ids cannot make
 * the service hammer the auth-service.
 */
@ApplicationScoped
public class SigningKeys {

    private static final int MAX_JWKS_BYTES = 64 * 1024;
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d{1,9})");
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    /** The keys of one fetch, and when to fetch again (the JWKS's max-age, within the refresh interval). */
    private record KeySet(Map<String, PublicKey> byId, Instant fetchedAt, Duration nextRefresh) {
        static final KeySet NONE = new KeySet(Map.of(), Instant.EPOCH, Duration.ZERO);
    }

    private final Vertx vertx;
    private final URI location;
    private final Duration refreshInterval;
    private final Duration fetchTimeout;
    private final Duration unknownKeyRefreshInterval;
    private final Duration retainOnError;
    private HttpClient client;
    private volatile KeySet current = KeySet.NONE;
    private volatile Uni<KeySet> inFlight;
    private volatile Instant lastUnknownKeyFetch = Instant.EPOCH;
    private volatile boolean stopped;
    /** Keys the auth-service withdrew (its security events), until their last token has expired: never trusted again. */
    private final Map<String, Long> withdrawn = new ConcurrentHashMap<>();

    public SigningKeys(Vertx vertx,
                       @ConfigProperty(name = "mp.jwt.verify.publickey.location") String location,
                       @ConfigProperty(name = "tokenvalidation.jwks.refresh-interval", defaultValue = "PT10M") Duration refreshInterval,
                       @ConfigProperty(name = "tokenvalidation.jwks.fetch-timeout", defaultValue = "PT1S") Duration fetchTimeout,
                       @ConfigProperty(name = "tokenvalidation.jwks.unknown-key-refresh-interval", defaultValue = "PT30S") Duration unknownKeyRefreshInterval,
                       @ConfigProperty(name = "tokenvalidation.jwks.retain-on-error", defaultValue = "PT1H") Duration retainOnError) {
        this.vertx = vertx;
        this.location = URI.create(location);
        this.refreshInterval = refreshInterval;
        this.fetchTimeout = fetchTimeout;
        this.unknownKeyRefreshInterval = unknownKeyRefreshInterval;
        this.retainOnError = retainOnError;
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) fetchTimeout.toMillis())
                .setMaxPoolSize(1)
                .setKeepAlive(true));
        refreshAndReschedule();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Whether any key is known now. */
    public boolean hasKeys() {
        return !current.byId().isEmpty();
    }

    /** The key with this id if it is known now: never waits. */
    public PublicKey known(String keyId) {
        KeySet keys = current;
        if (keyId == null || Instant.now().isAfter(keys.fetchedAt().plus(refreshInterval).plus(retainOnError))) {
            return null; // not refreshed for longer than we agree to trust a set: nothing is trusted
        }
        return withdrawn.isEmpty() || !withdrawn.containsKey(keyId) ? keys.byId().get(keyId) : null;
    }

    /**
     * A key withdrawn early: from now on no token it signed verifies, though a JWKS fetched before
     * (or from an auth-service replica that has not re-read its keys yet) may still hold it.
     */
    void withdraw(String keyId, long untilEpochSecond) {
        withdrawn.merge(keyId, untilEpochSecond, Math::max);
        long now = Instant.now().getEpochSecond();
        withdrawn.values().removeIf(until -> until < now);
    }

    /**
     * Completes when the key is known, or after the fetch timeout: for keys named by the
     * auth-service's own security events, which a key that signs without pre-publication (the
     * successor of a withdrawn key) signs first. Not held to the once-per-interval rule of
     * {@link #await}, which is there against made-up key ids in bearer tokens: only the
     * auth-service writes the events.
     */
    Uni<Void> learn(String keyId) {
        if (keyId == null || known(keyId) != null || withdrawn.containsKey(keyId)) {
            return Uni.createFrom().voidItem();
        }
        return refresh().ifNoItem().after(fetchTimeout).recoverWithItem((KeySet) null)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Completes when the key is known, or when it could not be learnt in time (then {@link #known}
     * still answers null). A key id already known completes at once.
     */
    public Uni<Void> await(String keyId) {
        if (keyId == null || known(keyId) != null) {
            return Uni.createFrom().voidItem();
        }
        Uni<KeySet> fetch = inFlight;
        if (fetch == null) {
            Instant now = Instant.now();
            if (now.isBefore(lastUnknownKeyFetch.plus(unknownKeyRefreshInterval))) {
                return Uni.createFrom().voidItem();
            }
            lastUnknownKeyFetch = now;
            fetch = refresh();
        }
        return fetch.ifNoItem().after(fetchTimeout).recoverWithItem((KeySet) null)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void refreshAndReschedule() {
        if (stopped) {
            return;
        }
        refresh().subscribe().with(
                keys -> schedule(keys.nextRefresh()),
                failure -> schedule(RETRY_AFTER_FAILURE));
    }

    private void schedule(Duration after) {
        if (!stopped) {
            vertx.setTimer(Math.max(MIN_REFRESH.toMillis(), after.toMillis()), id -> refreshAndReschedule());
        }
    }

    /** One fetch at a time; callers that come while it runs share it. */
    private synchronized Uni<KeySet> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        Uni<KeySet> fetch = fetch()
                .invoke(keys -> current = keys)
                .onFailure().invoke(e -> Log.warnf("could not fetch the JWKS from %s (%s); the keys fetched at %s stay in use",
                        location, describe(e), current.fetchedAt()))
                .onTermination().invoke(() -> inFlight = null)
                .memoize().indefinitely();
        inFlight = fetch;
        fetch.subscribe().with(keys -> { }, e -> { });
        return fetch;
    }

    private Uni<KeySet> fetch() {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(location.toString())
                .setIdleTimeout(fetchTimeout.toMillis())
                .putHeader("Accept", "application/json");
        return Uni.createFrom().completionStage(() -> client.request(request)
                        .compose(HttpClientRequest::send)
                        .compose(response -> response.statusCode() != 200
                                ? Future.<KeySet>failedFuture("HTTP " + response.statusCode())
                                : response.body().map(body -> keySet(body, response.getHeader("Cache-Control"))))
                        .toCompletionStage())
                .ifNoItem().after(fetchTimeout).failWith(() -> new IllegalStateException("no answer within " + fetchTimeout));
    }

    private KeySet keySet(Buffer body, String cacheControl) {
        if (body.length() > MAX_JWKS_BYTES) {
            throw new IllegalStateException("a JWKS of " + body.length() + " bytes");
        }
        Map<String, PublicKey> byId = new HashMap<>();
        try {
            for (JsonWebKey key : new JsonWebKeySet(body.toString()).getJsonWebKeys()) {
                boolean forSigning = key.getUse() == null || "sig".equals(key.getUse());
                if (forSigning && key.getKeyId() != null && key instanceof PublicJsonWebKey publicKey) {
                    byId.put(key.getKeyId(), publicKey.getPublicKey());
                }
            }
        } catch (JoseException e) {
            throw new IllegalStateException("not a JWK Set: " + e.getMessage());
        }
        return new KeySet(Map.copyOf(byId), Instant.now(), nextRefresh(cacheControl));
    }

    private Duration nextRefresh(String cacheControl) {
        Matcher maxAge = cacheControl == null ? null : MAX_AGE.matcher(cacheControl);
        if (maxAge == null || !maxAge.find()) {
            return refreshInterval;
        }
        Duration advertised = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        return advertised.compareTo(refreshInterval) < 0 ? advertised : refreshInterval;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
