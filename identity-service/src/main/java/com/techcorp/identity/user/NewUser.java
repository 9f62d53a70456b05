package com.techcorp.identity.user;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A user as the admin API takes it. The password is hashed at once and never echoed. */
public record NewUser(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("employee_id") String employeeId,
        @JsonProperty("groups") List<String> groups) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + "]";
    }
}
