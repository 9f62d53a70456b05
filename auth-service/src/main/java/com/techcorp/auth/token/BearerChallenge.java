package com.techcorp.auth.token;

/** The {@code WWW-Authenticate: Bearer …} challenge of RFC 6750 §3. */
public final class BearerChallenge {

    private BearerChallenge() {
    }

    /**
     * @param error null when no token was sent: then the challenge is bare (RFC 6750 §3.1)
     * @param scope the scope the endpoint needs, for insufficient_scope
     */
    public static String of(OAuthError error, String description, String scope) {
        StringBuilder b = new StringBuilder("Bearer realm=\"oauth\"");
        if (error != null) {
            b.append(", error=\"").append(error.code()).append('"');
            if (description != null) {
                b.append(", error_description=\"").append(description.replace("\"", "'")).append('"');
            }
            if (scope != null) {
                b.append(", scope=\"").append(scope).append('"');
            }
        }
        return b.toString();
    }
}
