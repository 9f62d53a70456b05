package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.SeedUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A replica configured with no room for password checks, and no pause before refusing: every
 * sign-in is the busy 503 with Retry-After. With a pause of 0 the refusal was a 500 (a Vert.x timer
 * takes 1 ms and up), found by measuring the cost of a refusal.
 */
@QuarkusTest
@TestProfile(NoLoginCapacityTest.NoRoom.class)
class NoLoginCapacityTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.identity.max-concurrent-verifications", "0", "auth.identity.refusal-delay", "PT0S");
        }
    }

    @Test
    void everySignInIsBusyWithRetryAfterNeverAServerError() {
        for (int i = 0; i < 3; i++) {
            SeedUsers.passwordGrant("johndoe", "secret123").statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("temporarily_unavailable"))
                    .body("error_description", containsString("busy"));
        }
    }
}
