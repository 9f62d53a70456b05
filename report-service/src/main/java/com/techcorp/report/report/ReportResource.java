package com.techcorp.report.report;

import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import io.smallrye.mutiny.Uni;
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
import java.util.Optional;
import java.util.UUID;

/** DataCorp's ReportService API (scope {@code reports:read}). */
@Path("/reports")
@RequiresScope("reports:read")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportService service;

    public ReportResource(ReportService service) {
        this.service = service;
    }

    /** Fetches the sales from data-service, builds the report, stores it. */
    @POST
    @Path("monthly-sales")
    public Uni<Response> generate() {
        return service.generate().map(r -> Response.created(URI.create("/reports/" + r.id())).entity(r).build());
    }

    @GET
    public Uni<List<MonthlySalesReport>> list(@QueryParam("page") @DefaultValue("0") int page,
                                              @QueryParam("size") @DefaultValue("20") int size) {
        ApiError.checkPage(page, size, 100);
        return service.list(page, size);
    }

    @GET
    @Path("latest")
    public Uni<MonthlySalesReport> latest() {
        return service.latest().map(ReportResource::found);
    }

    @GET
    @Path("{id}")
    public Uni<MonthlySalesReport> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("no such report");
        }
        return service.get(uuid).map(ReportResource::found);
    }

    private static MonthlySalesReport found(Optional<MonthlySalesReport> report) {
        return report.orElseThrow(() -> ApiError.notFound("no such report"));
    }
}
