package com.techcorp.oauth.jsonerrors;

import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/**
 * A service opts in with {@code quarkus.index-dependency.json-errors.*} (this module has no
 * beans.xml, so the auth-service, which renders RFC 6749 errors itself, can use {@link Unavailable}
 * without this mapper). Every failure as JSON: the REST layer's own refusals keep their status; a database that does not
 * answer is a 503 the client may retry; anything else is logged, not shown.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response r = e.getResponse();
        if (r.hasEntity()) {
            return r;
        }
        int status = r.getStatus();
        Response body = ApiError.response(status, status == 404 ? "not_found" : status >= 500 ? "server_error" : "invalid_request",
                r.getStatusInfo().getReasonPhrase());
        String allow = e instanceof NotAllowedException ? AllowedMethods.of(uri.getPath()) : null;
        return allow == null ? body : Response.fromResponse(body).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e) {
        if (Unavailable.is(e)) {
            Log.warnf("a dependency is unavailable: %s", Unavailable.rootCause(e));
            return ApiError.unavailable("a service this one needs is unavailable, retry later");
        }
        Log.error("unexpected failure", e);
        return ApiError.response(500, "server_error", "unexpected server error");
    }
}
