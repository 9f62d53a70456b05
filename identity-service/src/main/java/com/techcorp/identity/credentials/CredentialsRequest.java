package com.techcorp.identity.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * @param clientAddress the network address the user signs in from, as the auth-service saw it:
 *                      failures are counted per username and address. Absent: one shared bucket.
 */
public record CredentialsRequest(@JsonProperty("username") String username, @JsonProperty("password") String password,
                                 @JsonProperty("client_address") String clientAddress) {

    /** Never the password: this record may end up in a log line by accident. */
    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + "]";
    }
}
