package com.techcorp.oauth.tokenvalidation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this resource server has read the auth-service's security events to their end since it
 * started. By default it is ready anyway and says so as a warning (a resource server started while
 * the auth-service is down still serves, as it did before revocations reached it);
 * {@code tokenvalidation.events.required-for-readiness=true} makes it not ready until then.
 */
@Readiness
@ApplicationScoped
public class SecurityEventsReadiness implements HealthCheck {

    private final SecurityEventFeed feed;
    private final boolean required;

    public SecurityEventsReadiness(SecurityEventFeed feed,
                                   @ConfigProperty(name = "tokenvalidation.events.required-for-readiness", defaultValue = "false") boolean required) {
        this.feed = feed;
        this.required = required;
    }

    @Override
    public HealthCheckResponse call() {
        boolean caughtUp = !feed.enabled() || feed.caughtUp();
        return HealthCheckResponse.named("security-events")
                .status(caughtUp || !required)
                .withData("enabled", feed.enabled())
                .withData("caught_up", feed.caughtUp())
                .withData("warning", caughtUp ? "none" : "revocations not yet received from the auth-service")
                .build();
    }
}
