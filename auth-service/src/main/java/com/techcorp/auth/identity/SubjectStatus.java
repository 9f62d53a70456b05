package com.techcorp.auth.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the identity-service still lets a user hold tokens. Our own copy of its DTO. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectStatus(@JsonProperty("sub") String subject, @JsonProperty("active") boolean active) {
}
