package com.techcorp.auth.grant.password;

import com.techcorp.auth.support.Browser;
import com.techcorp.auth.support.IdentityServiceProcess;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

    private static void signal(String signal) throws IOException, InterruptedException {
        String pid = System.getProperty(IdentityServiceProcess.PID_PROPERTY);
        assertTrue(new ProcessBuilder("kill", "-" + signal, pid).start().waitFor() == 0);
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
}
