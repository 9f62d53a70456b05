package com.techcorp.identity.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;

public record CredentialsRequest(@JsonProperty("username") String username, @JsonProperty("password") String password) {

    /** Never the password: this record may end up in a log line by accident. */
    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + "]";
    }
}
