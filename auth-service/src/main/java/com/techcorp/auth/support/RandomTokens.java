package com.techcorp.auth.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Random values handed out as tokens (codes, secrets, request ids), base64url without padding. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 bytes in base64url without padding: 43 characters. */
    private static final Pattern OF_32_BYTES = Pattern.compile("[A-Za-z0-9_-]{43}");

    private RandomTokens() {
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static String base64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** 256 random bits. */
    public static String of32Bytes() {
        return base64url(bytes(32));
    }

    /** Whether the value has the shape of {@link #of32Bytes()} (also of a SHA-256 in base64url). */
    public static boolean isOf32Bytes(String value) {
        return value != null && OF_32_BYTES.matcher(value).matches();
    }
}
