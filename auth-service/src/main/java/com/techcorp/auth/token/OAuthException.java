package com.techcorp.auth.token;

/**
 * A failure with a code from {@link OAuthError}. Its description goes to the client, so it must
 * never carry a secret, a token, a password or an internal detail.
 */
public class OAuthException extends RuntimeException {

    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
