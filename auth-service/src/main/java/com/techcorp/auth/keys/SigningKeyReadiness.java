package com.techcorp.auth.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/** Ready only once a signing key is in memory: before that, every token request would fail. */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {

    private final KeyRing ring;

    public SigningKeyReadiness(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signing-key").status(ring.hasSigningKey(Instant.now())).build();
    }
}
