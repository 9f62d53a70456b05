package com.techcorp.oauth.tokenvalidation;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified access token of the current request, set by {@link ScopeCheck} once it has
 * authenticated it. Resources read the caller from here: with lazy authentication, injecting
 * {@code JsonWebToken} on the event loop would ask for the identity again, which Quarkus forbids.
 */
@RequestScoped
public class Caller {

    private JsonWebToken token;

    void set(JsonWebToken token) {
        this.token = token;
    }

    /** @throws IllegalStateException on an endpoint without {@link RequiresScope} */
    public JsonWebToken token() {
        if (token == null) {
            throw new IllegalStateException("no verified token: the endpoint needs @RequiresScope");
        }
        return token;
    }
}
