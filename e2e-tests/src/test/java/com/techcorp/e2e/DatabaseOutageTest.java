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
 * PostgreSQL crashes under the auth-service (a PostgreSQL of this test's own, killed with SIGKILL
 * and started again on the same data, so it runs crash recovery and answers 57P03 "the database
 * system is starting up" for a while) with requests arriving all along. A known client keeps
 * getting tokens past the registry's cache lifetime (before: once its entry expired it got only
 * 503s); what needs the database answers 503 with Retry-After, never 500 (before: hundreds of 500s
 * during recovery); everything recovers when PostgreSQL returns, without a restart.
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
        Map<String, String> env = ServiceProcess.authServiceEnv(storage, redis, "outage_auth", authPort);
        env.put("AUTH_BOOTSTRAP_ADMIN_SECRET", "outage-test-admin-secret");
        env.put("AUTH_CLIENTS_CACHE_TTL", "PT1S");
        ServiceProcess auth = ServiceProcess.start("auth-service", authPort, env);
        try {
            String base = "http://127.0.0.1:" + authPort;
            clientCredentials(base, "report_service_id", "super_secret").statusCode(200);
            String admin = clientCredentials(base, "bootstrap-admin", "outage-test-admin-secret").statusCode(200)
                    .extract().path("access_token");

            Load load = new Load(base, admin);
            Thread.sleep(500);
            crash(data);
            try {
                pg.close(); // lets go of the data directory's lock; the server is already gone
            } catch (Exception alreadyDead) {
                // pg_ctl finds nothing to stop
            }
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

            pg = start(pgPort, data); // crash recovery first, under the load
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> given().baseUri(base).auth().oauth2(admin)
                    .contentType("application/json").body(Map.of("client_id", "after-outage", "grant_types", java.util.List.of("client_credentials")))
                    .post("/admin/clients").then().extract().statusCode() == 201);
            clientCredentials(base, "report_service_id", "super_secret").statusCode(200);
            Map<Integer, Long> statuses = load.stop();
            org.junit.jupiter.api.Assertions.assertEquals(Map.of(), statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "answers other than 503 from the 5xx class; all: " + statuses);
            org.junit.jupiter.api.Assertions.assertTrue(statuses.getOrDefault(503, 0L) > 0, "the load never met the outage: " + statuses);
        } finally {
            auth.stop();
            pg.close();
        }
    }

    /** SIGKILL to the postmaster: no shutdown checkpoint, so the next start runs crash recovery. */
    private static void crash(Path data) throws Exception {
        String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
        org.junit.jupiter.api.Assertions.assertEquals(0, new ProcessBuilder("kill", "-KILL", pid).inheritIO().start().waitFor());
        Thread.sleep(200);
    }

    /**
     * Requests that need PostgreSQL (an admin read of a registration) and one that should not
     * (client credentials for a known client), sent in a loop by four threads until stopped.
     */
    private static final class Load {
        private final java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.LongAdder> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.List<Thread> threads = new java.util.ArrayList<>();

        Load(String base, String admin) {
            for (int i = 0; i < 4; i++) {
                boolean needsDatabase = i % 2 == 0;
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        int status = needsDatabase
                                ? given().baseUri(base).auth().oauth2(admin).get("/admin/clients/report_service_id").then().extract().statusCode()
                                : clientCredentials(base, "report_service_id", "super_secret").extract().statusCode();
                        statuses.computeIfAbsent(status, s -> new java.util.concurrent.atomic.LongAdder()).increment();
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }

        Map<Integer, Long> stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            Map<Integer, Long> counts = new java.util.TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
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
