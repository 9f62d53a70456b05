package com.techcorp.report.dashboard;

import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The auth-service away when the dashboard needs it (quarkus-oidc could not reach it at start, or
 * cannot now): 503 with Retry-After, not the 500 the security layer would answer. quarkus-oidc
 * tries again at the next request, so the dashboard recovers by itself once it is back.
 */
@ApplicationScoped
public class SignInUnavailable {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().headWritten() || !causedByOidc(context.failure())) {
                context.next();
                return;
            }
            context.response().setStatusCode(503)
                    .putHeader("Retry-After", Long.toString(Unavailable.RETRY_AFTER_SECONDS))
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end("{\"error\":\"temporarily_unavailable\",\"error_description\":\"signing in is unavailable right now; try again shortly\"}");
        });
    }

    private static boolean causedByOidc(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }
}
