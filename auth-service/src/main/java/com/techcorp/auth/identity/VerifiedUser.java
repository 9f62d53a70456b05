package com.techcorp.auth.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A user the identity-service vouched for: what goes into their tokens. Our own copy of its DTO. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifiedUser(
        @JsonProperty("sub") String subject,
        @JsonProperty("username") String username,
        @JsonProperty("groups") List<String> groups) {
}
