package com.techcorp.identity.credentials;

import com.techcorp.identity.lockout.LoginSource;
import com.techcorp.identity.password.HashingAdmission;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/**
 * Runs three verifications (of users that cannot exist) before the service reports ready. A cold
 * first verification — first query, first Argon2 pass through this path, class loading — took
 * over a second, beyond the auth-service's 1 s timeout, so the first login after every deploy
 * was a 503.
 */
@ApplicationScoped
public class StartupWarmUp {

    private final CredentialsService credentials;

    public StartupWarmUp(CredentialsService credentials) {
        this.credentials = credentials;
    }

    void warmUp(@Observes StartupEvent event) {
        long start = System.nanoTime();
        int done = 0;
        try {
            // Three: the first is cold; the last tells the hashing admission how long one really takes.
            // A cold one can wait past the admission's deadline before its hash (first query, class
            // loading) and be refused as busy: it warmed the path all the same, and the next goes on.
            for (int attempt = 0; attempt < 6 && done < 3; attempt++) {
                try {
                    VertxContextSupport.subscribeAndAwait(() -> credentials.verify("warm-up-" + UUID.randomUUID(),
                            UUID.randomUUID().toString(), LoginSource.of("warm-up")));
                    done++;
                } catch (HashingAdmission.Busy coldAndLate) {
                    Log.debug("a warm-up verification waited past the deadline; trying again");
                }
            }
            Log.infof("verification path warmed up in %d ms (%d verifications)", (System.nanoTime() - start) / 1_000_000, done);
        } catch (Throwable e) {
            // Not fatal: the database may come later; the first real login then pays the cold start.
            Log.warnf("verification warm-up failed: %s", e.getClass().getSimpleName());
        }
    }
}
