package com.techcorp.auth.support;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length exceeds {@code quarkus.http.limits.max-body-size} before it
 * is read, with the JSON error every other refusal has: Quarkus's own limit answers with an empty
 * 413. (A chunked body without a length still meets Quarkus's limit.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final String BODY = "{\"error\":\"invalid_request\",\"error_description\":\"request body too large\"}";

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length, max)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(BODY);
                return;
            }
            rc.next();
        }, 100);
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
