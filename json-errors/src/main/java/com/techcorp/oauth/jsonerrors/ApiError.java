package com.techcorp.oauth.jsonerrors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** The service's JSON errors: {@code {"error": code, "error_description": text}}, never a stack trace. */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(body).build();
    }

    public static WebApplicationException badRequest(String error, String description) {
        return new WebApplicationException(response(400, error, description));
    }

    /**
     * The paging parameters of a list endpoint: page ≥ 0, 1 ≤ size ≤ maxSize, and an offset
     * (page × size) that fits the int the database query takes; a far page is a 400, not an overflow.
     */
    public static void checkPage(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize || (long) page * size > Integer.MAX_VALUE) {
            throw badRequest("invalid_request", "page >= 0 and 1 <= size <= " + maxSize + ", within reach");
        }
    }

    public static WebApplicationException notFound(String description) {
        return new WebApplicationException(response(404, "not_found", description));
    }

    public static WebApplicationException conflict(String description) {
        return new WebApplicationException(response(409, "conflict", description));
    }

    /** A dependency that is away or saturated: 503 with Retry-After, the request may be tried again. */
    public static Response unavailable(String description) {
        return Response.fromResponse(response(503, "temporarily_unavailable", description))
                .header("Retry-After", Unavailable.RETRY_AFTER_SECONDS).build();
    }

    /** A service this one depends on answered, but not with something usable. */
    public static WebApplicationException badGateway(String description) {
        return new WebApplicationException(response(502, "bad_gateway", description));
    }
}
