package com.techcorp.identity.lockout;

import com.techcorp.identity.config.IdentityConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every username tried from every address leaves a row: the stale ones go, so a spray of made-up
 * usernames cannot grow the table without bound. Every replica runs it; the delete is idempotent.
 */
@ApplicationScoped
public class LoginFailurePurge {

    private final LoginFailures failures;
    private final IdentityConfig config;

    public LoginFailurePurge(LoginFailures failures, IdentityConfig config) {
        this.failures = failures;
        this.config = config;
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return failures.purge(config.lockout().duration())
                .invoke(n -> {
                    if (n > 0) {
                        Log.debugf("purged %d stale login-failure rows", n);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("login-failure purge failed: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
