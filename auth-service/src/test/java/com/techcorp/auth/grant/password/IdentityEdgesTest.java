package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.SeedUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

/**
 * Input the identity-service cannot take never reaches it, and is never counted as its outage: a
 * 17 KB password (its body limit answered 413) or a NUL in a username (PostgreSQL refused it, 500)
 * each opened the circuit breaker after four requests, and every login answered 503 for 5 s.
 */
@QuarkusTest
class IdentityEdgesTest {

    private static final String WRONG = "{\"error\":\"invalid_grant\",\"error_description\":\"the username or password is incorrect\"}";

    @Test
    void anOverLongPasswordIsAWrongPasswordAndOpensNothing() {
        String huge = "p".repeat(17_000);
        for (int i = 0; i < 8; i++) {
            SeedUsers.passwordGrant("janesmith", huge).statusCode(400).body(equalTo(WRONG));
        }
        SeedUsers.passwordGrant("janesmith", "secret123").statusCode(200);
    }

    @Test
    void usernamesNoUserCanHaveAreWrongCredentialsAndOpenNothing() {
        for (String username : new String[]{"john\u0000doe", "x".repeat(65), "a\u0085b", "\ud800", "tab\there"}) {
            for (int i = 0; i < 3; i++) {
                SeedUsers.passwordGrant(username, "secret123").statusCode(400).body(equalTo(WRONG));
            }
        }
        SeedUsers.passwordGrant("janesmith", "secret123").statusCode(200);
    }
}
