package com.techcorp.report.dashboard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An HTTP/1.x request without Host is refused first thing (400, RFC 9112 §3.2): quarkus-oidc,
 * which guards the dashboard, asks every request for its absolute URI, and Vert.x has none to give
 * without a Host: such requests were a 500 (or a redirect to http://null) before any of our code saw them.
 */
@ApplicationScoped
public class HostRequired {

    private static final String BODY = "{\"error\":\"invalid_request\",\"error_description\":\"a Host header is required\"}";

    /** Before every other filter, the security ones (CORS 300, authentication 200) included. */
    void install(@Observes Filters filters) {
        filters.register(context -> {
            String host = context.request().getHeader(HttpHeaders.HOST);
            // Vert.x hands an HTTP/1.0 request without one an empty Host.
            if (context.request().version() != HttpVersion.HTTP_2 && (host == null || host.isBlank())) {
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(BODY);
                return;
            }
            context.next();
        }, 10_000);
    }
}
