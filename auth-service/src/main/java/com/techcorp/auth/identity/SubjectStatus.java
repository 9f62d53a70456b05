package com.techcorp.auth.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Whether the identity-service still lets a user hold tokens, and for an active user who they are
 * now (null where it did not say). Our own copy of its DTO.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectStatus(@JsonProperty("sub") String subject, @JsonProperty("active") boolean active,
                            @JsonProperty("username") String username, @JsonProperty("name") String name,
                            @JsonProperty("groups") List<String> groups) {

    /** Nothing known: the identity-service could not be asked (an outage is not a disabled user). */
    static SubjectStatus unknown(String subject) {
        return new SubjectStatus(subject, true, null, null, null);
    }
}
