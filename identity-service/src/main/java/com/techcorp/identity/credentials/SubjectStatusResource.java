package com.techcorp.identity.credentials;

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
 * it refreshes a user's tokens. Unknown ids answer "not active" like disabled ones. A lockout does
 * not count: it stops password guessing, not sessions already granted.
 */
@Path("/v1/subjects/{id}")
@RequiresScope("identity:verify")
public class SubjectStatusResource {

    public record SubjectStatus(@JsonProperty("sub") String subject, @JsonProperty("active") boolean active) {
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
            return Uni.createFrom().item(new SubjectStatus(id, false));
        }
        return credentials.isActive(uuid).map(active -> new SubjectStatus(id, active));
    }
}
