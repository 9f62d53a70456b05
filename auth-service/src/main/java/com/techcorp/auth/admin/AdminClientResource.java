package com.techcorp.auth.admin;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** The client registry's admin API; every call needs a token with scope {@code auth:admin}. */
@Path("/admin/clients")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminClientResource {

    private final ClientAdminService service;

    public AdminClientResource(ClientAdminService service) {
        this.service = service;
    }

    @GET
    public Uni<List<ClientView>> list() {
        return service.list();
    }

    @GET
    @Path("{clientId}")
    public Uni<ClientView> get(@PathParam("clientId") String clientId) {
        return service.get(clientId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(ClientRegistration registration) {
        return service.create(registration).map(view -> withSecret(Response.created(URI.create("/admin/clients/" + view.clientId())), view));
    }

    @PUT
    @Path("{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ClientView> update(@PathParam("clientId") String clientId, ClientRegistration registration) {
        return service.update(clientId, registration);
    }

    /** Revokes every access token the client holds (its tokens_not_before moves to now). */
    @POST
    @Path("{clientId}/revoke-tokens")
    public Uni<ClientView> revokeTokens(@PathParam("clientId") String clientId) {
        return service.revokeTokens(clientId);
    }

    @POST
    @Path("{clientId}/disable")
    public Uni<ClientView> disable(@PathParam("clientId") String clientId) {
        return service.setEnabled(clientId, false);
    }

    @POST
    @Path("{clientId}/enable")
    public Uni<ClientView> enable(@PathParam("clientId") String clientId) {
        return service.setEnabled(clientId, true);
    }

    @POST
    @Path("{clientId}/secret")
    public Uni<Response> rotateSecret(@PathParam("clientId") String clientId) {
        return service.rotateSecret(clientId).map(view -> withSecret(Response.ok(), view));
    }

    /** An answer that carries a secret must not be stored by any cache. */
    private static Response withSecret(Response.ResponseBuilder builder, ClientView view) {
        return builder.entity(view).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
