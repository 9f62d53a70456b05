package com.techcorp.auth.error;

import com.techcorp.oauth.jsonerrors.AllowedMethods;
import com.techcorp.oauth.jsonerrors.Bearer;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/**
 * Renders every failure of the service as an RFC 6749 §5.2 JSON body with
 * {@code Cache-Control: no-store}: never a stack trace, an HTML page or a class name.
 */
public class OAuthErrorMapper {

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        Response response = render(e.error(), e.description());
        long retryAfter = e.retryAfterSeconds() > 0 ? e.retryAfterSeconds()
                : e.error() == OAuthError.TEMPORARILY_UNAVAILABLE ? Unavailable.RETRY_AFTER_SECONDS : 0;
        return retryAfter > 0 ? Response.fromResponse(response).header("Retry-After", retryAfter).build() : response;
    }

    /** What the REST layer itself refuses: wrong media type, wrong method, unknown path, bad JSON. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotSupportedException) {
            return render(OAuthError.INVALID_REQUEST, "unsupported content type");
        }
        if (e instanceof NotAllowedException) {
            // RFC 9110 §15.5.6: a 405 names the methods that would have worked.
            Response r = render(OAuthError.METHOD_NOT_ALLOWED, "method not allowed");
            String allow = AllowedMethods.of(uri.getPath());
            return allow == null ? r : Response.fromResponse(r).header(HttpHeaders.ALLOW, allow).build();
        }
        if (e instanceof NotAcceptableException) {
            // RFC 9110 §15.5.7: what was asked for in Accept is not served here; the error itself is JSON.
            return Response.fromResponse(render(OAuthError.INVALID_REQUEST, "not acceptable")).status(406).build();
        }
        if (e instanceof NotFoundException) {
            return render(OAuthError.NOT_FOUND, "no such resource");
        }
        if (status == 413) {
            return render(OAuthError.REQUEST_TOO_LARGE, "request body too large");
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return render(OAuthError.INVALID_REQUEST, "malformed request");
    }

    /**
     * Anything else is either a dependency that is down (503, the client may retry) or a bug (500).
     * Neither answer names the cause; the log does, without request data.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Unavailable.is(e)) {
            Log.warnf("dependency unavailable on %s: %s", uri.getPath(), Unavailable.rootCause(e));
            return Response.fromResponse(render(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "the service is temporarily unavailable, retry later")).header("Retry-After", Unavailable.RETRY_AFTER_SECONDS).build();
        }
        Log.errorf(e, "unexpected failure on %s", uri.getPath());
        return render(OAuthError.SERVER_ERROR, "unexpected server error");
    }

    public static Response render(OAuthError error, String description) {
        Response.ResponseBuilder builder = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(new ErrorBody(error.code(), description));
        if (error == OAuthError.INVALID_CLIENT) {
            // RFC 6749 §5.2: a 401 for invalid_client carries the challenge of the scheme in use.
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\", charset=\"UTF-8\"");
        } else if (error == OAuthError.INVALID_TOKEN || error == OAuthError.INSUFFICIENT_SCOPE) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, Bearer.challenge(error.code(), description, null));
        }
        return builder.build();
    }

    /**
     * A refused bearer token (RFC 6750 §3.1) on this service's own protected resources.
     *
     * @param tokenSent false: the challenge stays bare, as §3.1 asks when no token came
     * @param scope     the scope needed, for insufficient_scope
     */
    public static Response bearer(OAuthError error, boolean tokenSent, String description, String scope) {
        // Replaces render's challenge (null removes a header): one challenge, bare when no token came.
        return Response.fromResponse(render(error, description))
                .header(HttpHeaders.WWW_AUTHENTICATE, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? Bearer.challenge(error.code(), description, scope) : Bearer.challenge(null, null, null))
                .build();
    }
}
