package com.techcorp.identity.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * Whether a user may still hold tokens (scope {@code identity:verify}): the auth-service asks before
 * it refreshes a user's tokens or lets a sign-on session sign them in, and for userinfo. An active
 * user comes with who they are now (username, name, groups); unknown ids answer "not active" like
 * disabled ones, with nothing else. A lockout does not count: it stops password guessing, not
 * sessions already granted.
 */
@Path("/v1/subjects/{id}")
@RequiresScope("identity:verify")
public class SubjectStatusResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubjectStatus(@JsonProperty("sub") String subject, @JsonProperty("active") boolean active,
                                @JsonProperty("username") String username, @JsonProperty("name") String name,
                                @JsonProperty("groups") java.util.List<String> groups) {
        static SubjectStatus inactive(String subject) {
            return new SubjectStatus(subject, false, null, null, null);
        }
    }

    private final CredentialsService credentials;

    public SubjectStatusResource(CredentialsService credentials) {
        this.credentials = credentials;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SubjectStatus> status(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(SubjectStatus.inactive(id));
        }
        return credentials.active(uuid).map(user -> user
                .map(u -> new SubjectStatus(id, true, u.username(), u.name(), u.groups()))
                .orElseGet(() -> SubjectStatus.inactive(id)));
    }
}
