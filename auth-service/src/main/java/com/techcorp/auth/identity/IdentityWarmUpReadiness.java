package com.techcorp.auth.identity;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the start-up call to the identity-service has ended: traffic sent before that
 * would pay for the cold connection, and the first logins time out.
 */
@Readiness
@ApplicationScoped
public class IdentityWarmUpReadiness implements HealthCheck {

    private final IdentityClient identity;

    public IdentityWarmUpReadiness(IdentityClient identity) {
        this.identity = identity;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("identity-client-warm-up").status(identity.warmedUp()).build();
    }
}
