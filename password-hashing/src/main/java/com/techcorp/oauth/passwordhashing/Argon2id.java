package com.techcorp.oauth.passwordhashing;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106) hashes in the PHC string format that Argon2's reference implementation,
 * password4j and Keycloak write: {@code $argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>}, salt and hash
 * base64 without padding. Hashes written before keep verifying.
 *
 * <p>Bouncy Castle's generator rather than password4j's: password4j allocates two 1 KiB arrays for
 * every block it compresses, some 70 MB per hash at this cost, and the garbage collections that
 * follow copy the hashes in flight each time; measured on 2 threads with a 256 MB heap, Bouncy
 * Castle hashed 1.7 times as many passwords a second, with a tenth of the collection pauses. Both
 * are CPU-bound: call these off the event loop.
 */
public final class Argon2id {

    /** A hash's cost: memory in KiB, passes over it, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public Cost {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                    || memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("not an Argon2id cost this service uses");
            }
        }
    }

    /** Keycloak 26's default, and OWASP's second choice: 7 MiB, 5 passes, 1 lane. */
    public static final Cost DEFAULT = new Cost(7168, 5, 1);

    // Bounds on what a stored hash may ask for: a hash from the database is data, not an order to
    // spend memory. 64 MiB is RFC 9106's second recommended option (t=3); two hashing threads at
    // that cost still fit a 256 MB service.
    private static final int MAX_MEMORY_KIB = 1 << 16;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    /** Takes base64 without its padding, and refuses a length no encoding has. */
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed PHC string. */
    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private Argon2id() {
    }

    /** A new hash of {@code secret} with a random salt. */
    public static String hash(String secret, Cost cost) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(secret, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** Whether {@code secret} is the one hashed; false for a hash that is not one of these, malformed or out of bounds. */
    public static boolean verify(String secret, String phc) {
        Parsed parsed = parse(phc).orElse(null);
        if (parsed == null) {
            return false;
        }
        return MessageDigest.isEqual(derive(secret, parsed.salt(), parsed.cost(), parsed.hash().length), parsed.hash());
    }

    /** The cost a hash was made with, if it is a well-formed one: to tell when it is weaker than today's. */
    public static Optional<Cost> costOf(String phc) {
        return parse(phc).map(Parsed::cost);
    }

    private static Optional<Parsed> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return Optional.of(new Parsed(cost, DECODER.decode(m.group(4)), DECODER.decode(m.group(5))));
        } catch (IllegalArgumentException outOfBounds) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String secret, byte[] salt, Cost cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
