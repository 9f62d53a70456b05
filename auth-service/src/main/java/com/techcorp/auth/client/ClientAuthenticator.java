package com.techcorp.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.auth.support.Sha256;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
 * {@code client_secret_basic}, {@code client_secret_post}, or {@code none} for a public client.
 *
 * <p>A verified secret is remembered while it is in use ({@code auth.clients.verified-secret-ttl}
 * since its last use) under a digest of (client id, stored hash, presented secret): a repeated
 * token request costs one SHA-256, not an Argon2 verification, and a rotated secret (a new stored
 * hash) misses the cache at once. A secret that has to be verified is counted against the client
 * authentication limits first (per client and address, per address, per client), and the count is
 * handed back when it was right; a client in steady use never meets them, since its secret is
 * remembered. An unknown, disabled or public client presented with a secret costs the same
 * Argon2id verification as a wrong secret, so timing does not tell which client ids exist.
 *
 * <p>Requests that present the same credentials while their verification runs share it: a client
 * that opens 16 connections at once pays one Argon2id and one count against the limits, not 16
 * (which, counted before the hash, once pushed its own first requests over the per-client-and-address
 * limit and answered them 429). Different secrets are never shared, so parallel guesses still count
 * one each.
 */
@ApplicationScoped
public class ClientAuthenticator {

    private static final OAuthException FAILED = OAuthError.INVALID_CLIENT.exception("client authentication failed");

    private final ClientRegistry registry;
    private final SecretHasher hasher;
    private final AttemptLimiter limiter;
    private final Cache<String, Boolean> verified;
    private final ConcurrentHashMap<String, Uni<Boolean>> verifying = new ConcurrentHashMap<>();

    public ClientAuthenticator(ClientRegistry registry, SecretHasher hasher, AttemptLimiter limiter, AuthConfig config) {
        this.registry = registry;
        this.hasher = hasher;
        this.limiter = limiter;
        this.verified = Caffeine.newBuilder()
                .expireAfterAccess(config.clients().verifiedSecretTtl())
                .maximumSize(10_000)
                .build();
    }

    /** The credentials a request presents, before they are checked. */
    record Credentials(String clientId, String secret) {
    }

    /**
     * @param authorization the Authorization header, or null
     * @param params        the request's single-valued form parameters
     * @param clientAddress where the request comes from, for the attempt limits
     * @return the authenticated, enabled client; else fails with invalid_client (401, or 429 past the limits) or invalid_request
     */
    public Uni<Client> authenticate(String authorization, Map<String, String> params, String clientAddress) {
        Credentials credentials;
        try {
            credentials = credentials(authorization, params);
        } catch (OAuthException e) {
            return Uni.createFrom().failure(e);
        }
        if (!Client.ID.matcher(credentials.clientId()).matches()) {
            return Uni.createFrom().failure(FAILED);
        }
        return registry.find(credentials.clientId())
                .flatMap(found -> verify(found.filter(Client::enabled), credentials, clientAddress));
    }
    static Credentials credentials(String authorization, Map<String, String> params) {
        String bodyId = params.get("client_id");
        String bodySecret = params.get("client_secret");
        if (authorization != null && !authorization.isBlank()) {
            Credentials basic = basic(authorization);
            // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
            if (bodySecret != null) {
                throw OAuthError.INVALID_REQUEST.exception("more than one client authentication method");
            }
            if (bodyId != null && !bodyId.equals(basic.clientId())) {
                throw OAuthError.INVALID_REQUEST.exception("client_id does not match the Authorization header");
            }
            return basic;
        }
        if (bodyId == null) {
            throw FAILED;
        }
        return new Credentials(bodyId, bodySecret);
    }

    /** RFC 6749 §2.3.1: Basic with the id and secret form-url-encoded before base64. */
    private static Credentials basic(String authorization) {
        if (authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw FAILED;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw FAILED;
            }
            return new Credentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            throw FAILED;
        }
    }

    private Uni<Client> verify(Optional<Client> found, Credentials credentials, String clientAddress) {
        if (credentials.secret() == null) {
            // A public client proves nothing; it may present only its id (RFC 6749 §2.1).
            return found.isPresent() && !found.get().confidential() ? Uni.createFrom().item(found.get()) : Uni.createFrom().failure(FAILED);
        }
        Client client = found.filter(c -> c.confidential() && c.secretHash() != null).orElse(null);
        String cacheKey = client == null ? null : Sha256.hex(client.clientId(), client.secretHash(), credentials.secret());
        if (cacheKey != null && verified.getIfPresent(cacheKey) != null) {
            return Uni.createFrom().item(client);
        }
        String flightKey = cacheKey != null ? cacheKey : Sha256.hex("unknown", credentials.clientId(), credentials.secret());
        return shared(flightKey, () -> limitedCheck(client, credentials, clientAddress))
                .map(ok -> {
                    if (!ok) {
                        throw FAILED;
                    }
                    verified.put(cacheKey, Boolean.TRUE);
                    return client;
                });
    }

    /** The verification of these credentials under way, or a new one; each caller gets the outcome on its own context. */
    private Uni<Boolean> shared(String flightKey, java.util.function.Supplier<Uni<Boolean>> check) {
        Uni<Boolean> flight = verifying.computeIfAbsent(flightKey, key -> Uni.createFrom().<Boolean>deferred(check::get)
                .onTermination().invoke(() -> verifying.remove(key))
                .memoize().indefinitely());
        Context caller = Vertx.currentContext();
        return caller == null ? flight : flight.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Uni<Boolean> limitedCheck(Client client, Credentials credentials, String clientAddress) {
        return limiter.clientAuthentication(credentials.clientId(), clientAddress)
                // Redis away: the limits cannot be counted, and client credentials must not stop for that.
                .onFailure(e -> !(e instanceof OAuthException)).recoverWithItem(e -> {
                    Log.debugf("client authentication limits not counted: %s", Unavailable.rootCause(e));
                    return AttemptLimiter.Reservation.NONE;
                })
                .flatMap(reservation -> (client == null ? hasher.verifyNothing(credentials.secret())
                        : hasher.verify(credentials.secret(), client.secretHash()))
                        .call(ok -> ok ? reservation.release() : Uni.createFrom().voidItem()));
    }
}
