package com.techcorp.auth.error;

/**
 * A failure with a code from {@link OAuthError}. Its description goes to the client, so it must
 * never carry a secret, a token, a password or an internal detail.
 */
public class OAuthException extends RuntimeException {

    private final OAuthError error;
    private final long retryAfterSeconds;

    public OAuthException(OAuthError error, String description) {
        this(error, description, 0);
    }

    /** @param retryAfterSeconds sent as Retry-After when positive */
    public OAuthException(OAuthError error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
