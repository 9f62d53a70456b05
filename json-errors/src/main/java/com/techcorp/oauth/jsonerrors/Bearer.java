package com.techcorp.oauth.jsonerrors;

/**
 * RFC 6750 for every service that takes bearer tokens: reading the token from an Authorization
 * header (§2.1) and writing the {@code WWW-Authenticate} challenge of a refusal (§3).
 */
public final class Bearer {

    private static final String REALM = "Bearer realm=\"oauth\"";

    private Bearer() {
    }

    /** The token of an {@code Authorization: Bearer …} header (§2.1: the scheme is case-insensitive), or null. */
    public static String token(String authorization) {
        return authorization != null && authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    /**
     * @param error       null when the request had no credentials: then the challenge is bare (§3.1)
     * @param description sent as error_description (quotes replaced, so it stays one parameter)
     * @param scope       the scope the resource needs, for insufficient_scope; else null
     */
    public static String challenge(String error, String description, String scope) {
        StringBuilder b = new StringBuilder(REALM);
        if (error != null) {
            b.append(", error=\"").append(error).append('"');
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
