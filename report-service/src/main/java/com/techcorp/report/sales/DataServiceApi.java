package com.techcorp.report.sales;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** DataCorp's DataService, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "data-service")
@OidcClientFilter
@Path("/data")
interface DataServiceApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<SalesData> sales();
}
