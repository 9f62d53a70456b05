package com.techcorp.auth.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A username and password on their way to the identity-service; never logged.
 *
 * @param clientAddress where the user signs in from: the identity-service counts failures per
 *                      username and address, so nobody locks a user out from elsewhere
 */
record Credentials(@JsonProperty("username") String username, @JsonProperty("password") String password,
                   @JsonProperty("client_address") String clientAddress) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
