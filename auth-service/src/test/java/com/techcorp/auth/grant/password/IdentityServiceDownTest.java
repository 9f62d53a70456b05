package com.techcorp.auth.grant.password;

import com.techcorp.oauth.teststorage.Browser;
import com.techcorp.auth.support.IdentityServiceProcess;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity-service hangs (SIGSTOP: it accepts connections and never answers): the password
 * grant and the sign-in page answer 503 promptly, client credentials keep working, and all recovers
 * without a restart.
 */
@QuarkusTest
class IdentityServiceDownTest {

    private static void signal(String signal) {
        IdentityServiceProcess.signal(signal);
    }

    @AfterEach
    void resume() throws Exception {
        signal("CONT");
    }

    @Test
    void passwordGrantAnswers503FastWhileOtherGrantsWork() throws Exception {
        var machine = TestClients.confidential().scope("data:read").register();
        // The identity-service's first call fetches the JWKS: wait until it is warm.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> SeedUsers.passwordGrant("johndoe", "secret123").extract().statusCode() == 200);

        signal("STOP");
        long start = System.nanoTime();
        SeedUsers.passwordGrant("johndoe", "secret123").statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2500, "503 after " + millis + " ms");
        given().auth().preemptive().basic(machine.clientId(), machine.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
        // The sign-in page of the authorization endpoint says so too, and keeps the request.
        Browser browser = new Browser();
        browser.authorize(Browser.codeRequest("techcorp_portal_web", "http://localhost:8084/portal/callback", "s"))
                .then().statusCode(200);
        Response unavailable = browser.signIn("johndoe", "secret123");
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.asString().contains("Signing in is unavailable right now"));

        signal("CONT");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> SeedUsers.passwordGrant("johndoe", "secret123").extract().statusCode() == 200);
        assertEquals(303, browser.signIn("johndoe", "secret123").statusCode());
    }

    /**
     * The breaker is open (the identity-service frozen long enough for half of 20 checks to time
     * out); once the identity-service answers again, logins are back within a second. Before, the
     * breaker's fixed 5 s delay held them off for up to 5 s, and then the identity-service refused
     * every login as busy for good: the verifications its callers had given up on were cancelled
     * before they left its admission, and filled it.
     */
    @Test
    void loginsAreBackWithinASecondOfTheIdentityServiceReturning() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> SeedUsers.passwordGrant("johndoe", "secret123").extract().statusCode() == 200);
        signal("STOP");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 2; round++) {
                var logins = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
                for (int i = 0; i < 12; i++) {
                    // Each from an address of its own: one address's parallel logins would meet its attempt limit first.
                    String from = "198.51.100." + (round * 12 + i + 1);
                    logins.add(pool.submit(() -> given().header("X-Forwarded-For", from).contentType("application/x-www-form-urlencoded")
                            .formParam("grant_type", "password").formParam("username", "johndoe").formParam("password", "secret123")
                            .formParam("client_id", SeedUsers.PORTAL_CLIENT).formParam("client_secret", SeedUsers.PORTAL_SECRET)
                            .post("/oauth/token").then().extract().statusCode()));
                }
                for (var login : logins) {
                    assertEquals(503, login.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        long start = System.nanoTime();
        SeedUsers.passwordGrant("johndoe", "secret123").statusCode(503);
        long openMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(openMillis < 500, "the breaker should be open and answer at once, took " + openMillis + " ms");

        signal("CONT");
        long back = System.nanoTime();
        long millis;
        while (true) {
            int status = SeedUsers.passwordGrant("johndoe", "secret123").extract().statusCode();
            millis = (System.nanoTime() - back) / 1_000_000;
            if (status == 200 || millis > 5000) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.printf("logins back %d ms after the identity-service%n", millis);
        assertTrue(millis <= 1000, "logins came back " + millis + " ms after the identity-service did");
    }
}
