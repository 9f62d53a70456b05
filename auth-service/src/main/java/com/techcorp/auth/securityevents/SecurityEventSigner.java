package com.techcorp.auth.securityevents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.keys.SigningKey;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * Signs Security Event Tokens with the key that signs now, and keeps what the log serves
 * verifiable with what the JWKS publishes. A SET in the log signed by a key withdrawn since
 * (the log keeps its entries for an access token's lifetime, the withdrawn key is gone from the
 * JWKS at once) would be ignored by a receiver that never knew that key, one that starts after
 * the withdrawal, and the revocation it carries lost to it: such an entry is signed again, with
 * the same claims, by the current key on its way out. Re-signed entries are remembered per
 * replica, so a receiver catching up from the beginning costs one signature per entry once.
 */
@ApplicationScoped
public class SecurityEventSigner {

    /** A re-signed entry and the key that signed it (stale once that key no longer signs). */
    private record Resigned(String kid, String set) {
    }

    private final KeyRing keys;
    private final Cache<String, Resigned> resigned = Caffeine.newBuilder().maximumSize(20_000).build();

    public SecurityEventSigner(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * A SET with these claims (JSON), signed now: with jose4j rather than SmallRye's builder, which
     * adds an {@code exp} a SET must not expire by.
     */
    public String sign(String claims) {
        return sign(claims, keys.signingKey(Instant.now()));
    }

    private static String sign(String claims, SigningKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims);
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(key.algorithm().jws().getAlgorithm());
        jws.setHeader("typ", "secevent+jwt"); // RFC 8417 §2.3
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a security event", e);
        }
    }

    /**
     * Whether some entry of the page is signed by a withdrawn key (re-signing costs CPU). With no
     * key withdrawn, as nearly always, no entry's header is even read.
     */
    public boolean needsResigning(List<SecurityEventLog.Entry> entries) {
        return keys.anyWithdrawn() && entries.stream().anyMatch(entry -> keys.withdrawnKey(kidOf(entry.set())).isPresent());
    }

    /** The entries as receivers can verify them now: none signed by a withdrawn key. */
    public List<SecurityEventLog.Entry> verifiable(List<SecurityEventLog.Entry> entries) {
        Instant now = Instant.now();
        return entries.stream().map(entry -> keys.withdrawnKey(kidOf(entry.set())).isEmpty() ? entry
                : new SecurityEventLog.Entry(entry.id(), entry.jti(), resign(entry, now))).toList();
    }

    /**
     * Only what the withdrawn key verifiably signed is signed again: anything else that is in the
     * log under an unknown kid is served as it is, and receivers ignore it.
     */
    private String resign(SecurityEventLog.Entry entry, Instant now) {
        SigningKey signer = keys.signingKey(now);
        Resigned known = resigned.getIfPresent(entry.id());
        if (known != null && known.kid().equals(signer.kid())) {
            return known.set();
        }
        try {
            JsonWebSignature original = new JsonWebSignature();
            original.setCompactSerialization(entry.set());
            PublicKey withdrawn = keys.withdrawnKey(original.getKeyIdHeaderValue()).orElse(null);
            if (withdrawn == null) {
                return entry.set();
            }
            original.setKey(withdrawn);
            if (!original.verifySignature()) {
                Log.warnf("security event %s in the log does not verify with its key and is served as it is", entry.id());
                return entry.set();
            }
            String set = sign(original.getPayload(), signer);
            resigned.put(entry.id(), new Resigned(signer.kid(), set));
            return set;
        } catch (JoseException e) {
            Log.warnf("security event %s in the log is unreadable and is served as it is", entry.id());
            return entry.set();
        }
    }

    private static String kidOf(String set) {
        try {
            return JsonWebStructure.fromCompactSerialization(set).getKeyIdHeaderValue();
        } catch (JoseException e) {
            return null;
        }
    }
}
