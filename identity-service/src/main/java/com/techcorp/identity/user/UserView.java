package com.techcorp.identity.user;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A user as the admin API shows it: never the hash, never the password. */
public record UserView(
        @JsonProperty("id") String id,
        @JsonProperty("username") String username,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("employee_id") String employeeId,
        @JsonProperty("groups") List<String> groups,
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("created_at") Instant createdAt) {

    static UserView of(UserEntity e) {
        return new UserView(e.id.toString(), e.username, e.displayName, e.employeeId, e.groupList(), e.enabled, e.createdAt);
    }
}
