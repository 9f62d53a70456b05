package com.techcorp.auth.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A username and password on their way to the identity-service; never logged. */
public record Credentials(@JsonProperty("username") String username, @JsonProperty("password") String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
