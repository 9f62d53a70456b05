package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * PostgreSQL goes away under the auth-service (a PostgreSQL of this test's own, stopped and
 * started again on the same data). A known client keeps getting tokens past the registry's cache
 * lifetime (before: once its entry expired it got only 503s); what needs the database answers 503
 * with Retry-After, never 500; everything recovers when PostgreSQL returns, without a restart.
 */
class DatabaseOutageTest {

    @Test
    void knownClientsKeepTheirTokensAndTheRestIs503UntilPostgresqlReturns() throws Exception {
        int pgPort = TestStorage.freePort();
        Path data = Path.of(System.getProperty("user.dir"), "target", "outage-pg-" + pgPort);
        Files.createDirectories(data);
        EmbeddedPostgres pg = start(pgPort, data);
        var storage = new TestStorage.Postgres("127.0.0.1", pgPort, "postgres", "", true);
        var redis = TestStorage.redis();
        int authPort = TestStorage.freePort();
        Map<String, String> env = ServiceProcess.demoEnv(storage, "outage_auth", true);
        env.put("AUTH_PORT", Integer.toString(authPort));
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        env.put("AUTH_REDIS_PREFIX", "e2e-outage-" + authPort + ":");
        env.put("AUTH_BOOTSTRAP_ADMIN_SECRET", "outage-test-admin-secret");
        env.put("AUTH_CLIENTS_CACHE_TTL", "PT1S");
        ServiceProcess auth = ServiceProcess.start("auth-service", authPort, env);
        try {
            String base = "http://127.0.0.1:" + authPort;
            clientCredentials(base, "report_service_id", "super_secret").statusCode(200);
            String admin = clientCredentials(base, "bootstrap-admin", "outage-test-admin-secret").statusCode(200)
                    .extract().path("access_token");

            pg.close();
            Thread.sleep(2500); // past the registry's cache lifetime (1 s here)
            for (int i = 0; i < 20; i++) {
                clientCredentials(base, "report_service_id", "super_secret").statusCode(200).body("access_token", notNullValue());
            }
            // Never read before, so nothing to fall back on: a 503 to retry, not a 500.
            clientCredentials(base, "never-seen-client", "whatever").statusCode(503)
                    .header("Retry-After", notNullValue()).body("error", equalTo("temporarily_unavailable"));
            // A write cannot be made: 503 too.
            given().baseUri(base).auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("client_id", "during-outage", "grant_types", java.util.List.of("client_credentials")))
                    .post("/admin/clients").then().statusCode(503).header("Retry-After", notNullValue());

            pg = start(pgPort, data);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> given().baseUri(base).auth().oauth2(admin)
                    .contentType("application/json").body(Map.of("client_id", "after-outage", "grant_types", java.util.List.of("client_credentials")))
                    .post("/admin/clients").then().extract().statusCode() == 201);
            clientCredentials(base, "report_service_id", "super_secret").statusCode(200);
        } finally {
            auth.stop();
            pg.close();
        }
    }

    private static EmbeddedPostgres start(int port, Path data) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static io.restassured.response.ValidatableResponse clientCredentials(String base, String id, String secret) {
        return given().baseUri(base).auth().preemptive().basic(id, secret).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then();
    }
}
