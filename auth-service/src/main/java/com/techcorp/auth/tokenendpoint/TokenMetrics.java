package com.techcorp.auth.tokenendpoint;

import com.techcorp.auth.error.OAuthError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Token endpoint metrics at {@code /q/metrics}: tokens issued per grant and client, refusals per
 * error code, issuance latency per grant. Tags take only registered values (known grant types,
 * authenticated client ids, catalog error codes), never raw request input.
 */
@ApplicationScoped
public class TokenMetrics {

    private final MeterRegistry registry;

    public TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void issued(String grantType, String clientId, long startNanos) {
        registry.counter("oauth.tokens.issued", "grant_type", grantType, "client_id", clientId).increment();
        Timer.builder("oauth.token.issuance").tag("grant_type", grantType).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public void refused(OAuthError error) {
        registry.counter("oauth.token.errors", "error", error.code()).increment();
    }
}
