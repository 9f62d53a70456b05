package com.techcorp.auth.grant.authorizationcode;

import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.Sha256;

import java.util.regex.Pattern;

/** RFC 7636: the shapes of challenges and verifiers, and the S256 transformation. */
public final class Pkce {

    public static final String S256 = "S256";
    public static final String PLAIN = "plain";

    /** §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    public static boolean validVerifier(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    /** A challenge of the method: S256 a 43-character base64url digest; plain a verifier itself. */
    public static boolean validChallenge(String method, String challenge) {
        // §4.2: an S256 challenge is BASE64URL(SHA256(verifier)), 32 bytes.
        return S256.equals(method) ? RandomTokens.isOf32Bytes(challenge) : validVerifier(challenge);
    }

    public static String s256(String verifier) {
        return RandomTokens.base64url(Sha256.of(verifier));
    }
}
