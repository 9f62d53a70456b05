package com.techcorp.identity.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What the auth-service puts in a user's token after a successful verification. */
public record VerifiedUser(
        @JsonProperty("sub") String subject,
        @JsonProperty("username") String username,
        @JsonProperty("name") String name,
        @JsonProperty("employee_id") String employeeId,
        @JsonProperty("groups") List<String> groups) {
}
