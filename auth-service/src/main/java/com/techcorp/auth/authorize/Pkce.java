package com.techcorp.auth.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636: the shapes of challenges and verifiers, and the S256 transformation. */
public final class Pkce {

    public static final String S256 = "S256";
    public static final String PLAIN = "plain";

    /** §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** §4.2: BASE64URL(SHA256(verifier)), 32 bytes, so 43 characters without padding. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    public static boolean validVerifier(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    /** A challenge of the method: S256 a 43-character base64url digest; plain a verifier itself. */
    public static boolean validChallenge(String method, String challenge) {
        return S256.equals(method) ? S256_CHALLENGE.matcher(challenge).matches() : validVerifier(challenge);
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
