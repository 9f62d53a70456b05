package com.techcorp.auth.support;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import com.techcorp.auth.error.ErrorBody;
import com.techcorp.auth.error.OAuthError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.regex.Pattern;

/**
 * Refuses, before the REST layer sees them, requests it would answer without our JSON error:
 * a declared body larger than {@code quarkus.http.limits.max-body-size} (Quarkus answers an empty
 * 413; a chunked body without a length still meets that limit), and a Content-Type that is not a
 * media type (the REST layer's parser throws, which would be a 500).
 */
@ApplicationScoped
public class RequestGuard {

    /** RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS parameter ). */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*(;.*)?");

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (length != null && exceeds(length, max)) {
                refuse(rc, 413, "request body too large");
            } else if (type != null && !MEDIA_TYPE.matcher(type.trim()).matches()) {
                refuse(rc, 400, "malformed Content-Type");
            } else {
                rc.next();
            }
        }, 100);
    }

    private static void refuse(RoutingContext rc, int status, String description) {
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(new ErrorBody(OAuthError.INVALID_REQUEST.code(), description)));
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
