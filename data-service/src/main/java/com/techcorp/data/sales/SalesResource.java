package com.techcorp.data.sales;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** DataCorp's DataService: {@code GET /data} (scope {@code data:read}), optionally between two months. */
@Path("/data")
@RequiresScope("data:read")
public class SalesResource {

    public record SalesData(@JsonProperty("sales_data") List<SalesEntry> salesData) {
    }

    private final SalesQueries queries;

    public SalesResource(SalesQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the sales, newest month first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SalesData.class)))
    public CompletionStage<String> data(@QueryParam("from") String from, @QueryParam("to") String to) {
        String lower = period("from", from, "0000-01");
        String upper = period("to", to, "9999-12");
        if (lower.compareTo(upper) > 0) {
            throw ApiError.badRequest("invalid_request", "from must not be after to");
        }
        return queries.between(lower, upper);
    }

    private static String period(String name, String value, String fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            if (value.length() != 7) {
                throw new DateTimeParseException("length", value, 0);
            }
            return YearMonth.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_request", name + " must be a month as YYYY-MM");
        }
    }
}
