package com.techcorp.identity.lockout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The keys of the lockout's counters: digests, so the table holds neither usernames tried nor addresses. */
public final class LoginSource {

    private LoginSource() {
    }

    public static String usernameKey(String username) {
        return sha256("user\0" + username.toLowerCase(Locale.ROOT));
    }

    /** @param clientAddress null when the caller did not say: every such attempt shares one bucket */
    public static String of(String clientAddress) {
        return sha256("addr\0" + (clientAddress == null ? "" : clientAddress));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
