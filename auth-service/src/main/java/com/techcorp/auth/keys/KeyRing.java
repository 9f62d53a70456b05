package com.techcorp.auth.keys;

import com.techcorp.auth.error.OAuthError;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys in memory: tokens are signed and verified from here, never from a database read
 * per request. {@link KeyManager} replaces the whole set atomically when it re-reads the keys.
 */
@ApplicationScoped
public class KeyRing {

    private volatile List<SigningKey> keys = List.of();
    private volatile Map<String, PublicKey> withdrawn = Map.of();

    void replace(List<SigningKey> keys, Map<String, PublicKey> withdrawn) {
        this.keys = List.copyOf(keys);
        this.withdrawn = Map.copyOf(withdrawn);
    }

    /** The key that signs now: the most recently activated one that has a usable private key. */
    public SigningKey signingKey(Instant now) {
        return keys.stream()
                .filter(k -> k.canSignAt(now))
                .max(Comparator.comparing(SigningKey::activeFrom))
                .orElseThrow(() -> OAuthError.TEMPORARILY_UNAVAILABLE.exception("no signing key is available yet"));
    }

    public boolean hasSigningKey(Instant now) {
        return keys.stream().anyMatch(k -> k.canSignAt(now));
    }

    /** Current, next and retired keys whose tokens may still be alive. */
    public List<SigningKey> published(Instant now) {
        return keys.stream().filter(k -> k.publishedAt(now)).toList();
    }

    public Optional<SigningKey> byKid(String kid, Instant now) {
        return keys.stream().filter(k -> k.kid().equals(kid) && k.publishedAt(now)).findFirst();
    }

    public Map<String, Object> jwks(Instant now) {
        return Map.of("keys", published(now).stream().map(SigningKey::jwk).toList());
    }

    /**
     * The public key of a key withdrawn early, kept until its tokens would have expired: never to
     * accept a token, only to tell what that key really signed from what claims to be from it.
     */
    public boolean anyWithdrawn() {
        return !withdrawn.isEmpty();
    }

    public Optional<PublicKey> withdrawnKey(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(withdrawn.get(kid));
    }

    List<SigningKey> all() {
        return keys;
    }
}
