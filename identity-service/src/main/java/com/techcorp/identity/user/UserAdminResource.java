package com.techcorp.identity.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The user directory's admin API (scope {@code identity:admin}). */
@Path("/v1/users")
@RequiresScope("identity:admin")
@Produces(MediaType.APPLICATION_JSON)
public class UserAdminResource {

    public record PasswordReset(@JsonProperty("password") String password) {
        @Override
        public String toString() {
            return "PasswordReset[]";
        }
    }

    private final UserAdminService service;
    private final TokenRevocationOutbox outbox;

    public UserAdminResource(UserAdminService service, TokenRevocationOutbox outbox) {
        this.service = service;
        this.outbox = outbox;
    }

    @GET
    public Uni<List<UserView>> list(@QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("50") int size) {
        ApiError.checkPage(page, size, 200);
        return service.list(page, size);
    }

    @GET
    @Path("{id}")
    public Uni<UserView> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewUser user) {
        return service.create(user).map(view -> Response.created(URI.create("/v1/users/" + view.id())).entity(view).build());
    }

    @POST
    @Path("{id}/disable")
    public Uni<UserView> disable(@PathParam("id") String id) {
        return service.setEnabled(uuid(id), false).invoke(outbox::sendSoon);
    }

    @POST
    @Path("{id}/enable")
    public Uni<UserView> enable(@PathParam("id") String id) {
        return service.setEnabled(uuid(id), true);
    }

    @POST
    @Path("{id}/unlock")
    public Uni<UserView> unlock(@PathParam("id") String id) {
        return service.unlock(uuid(id));
    }

    @POST
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserView> resetPassword(@PathParam("id") String id, PasswordReset reset) {
        return service.resetPassword(uuid(id), reset == null ? null : reset.password()).invoke(outbox::sendSoon);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("no such user");
        }
    }
}
