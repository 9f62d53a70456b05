package com.techcorp.report.sales;

import com.techcorp.oauth.jsonerrors.ApiError;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches the sales data. A 401 means data-service refused our token (revoked, or signed by a key
 * it has not seen yet): the OIDC filter has marked the token stale, and one retry goes out with a
 * new one. A slow or absent data-service is a prompt 503; an answer we cannot use is a 502.
 */
@ApplicationScoped
public class DataServiceClient {

    /** data-service refused the token: worth exactly one retry with a fresh one. */
    public static class TokenRefused extends RuntimeException {
        TokenRefused() {
            super("data-service refused the access token", null, false, false);
        }
    }

    private final DataServiceApi api;

    public DataServiceClient(@RestClient DataServiceApi api) {
        this.api = api;
    }

    @Timeout(4000)
    @Retry(maxRetries = 1, delay = 0, retryOn = TokenRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = TokenRefused.class)
    public Uni<SalesData> sales() {
        return api.sales().onFailure(WebApplicationException.class).transform(e -> {
            int status = ((WebApplicationException) e).getResponse().getStatus();
            if (status == 401) {
                return new TokenRefused();
            }
            Log.warnf("data-service answered HTTP %d", status);
            return ApiError.badGateway("data-service answered with an error");
        });
    }
}
