package com.techcorp.auth.identity;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The identity-service's verification endpoint; used only through {@link IdentityClient}. */
@RegisterRestClient(configKey = "identity")
@Path("/v1")
interface IdentityApi {

    @POST
    @Path("credentials/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<VerifiedUser> verify(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, Credentials credentials);

    @GET
    @Path("subjects/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<SubjectStatus> status(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String subject);
}
