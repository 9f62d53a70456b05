package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A service upgraded on a database that an earlier release migrated: the demo data's migrations
 * (versions 100 and up) were applied there before this release's schema migrations (versions
 * below 100) existed. Flyway refused to start ("Migrations have failed validation") until it was
 * allowed to apply them out of order; found by running the local suite on a database of the day before.
 */
class UpgradeTest {

    @Test
    void theAuthServiceAndTheIdentityServiceStartOnADatabaseOfTheReleaseBefore() throws Exception {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        int authPort = TestStorage.freePort();
        Map<String, String> auth = ServiceProcess.demoEnv(pg, "e2e_upgrade_auth", true);
        auth.put("AUTH_PORT", Integer.toString(authPort));
        auth.put("REDIS_HOST", redis.host());
        auth.put("REDIS_PORT", Integer.toString(redis.port()));
        auth.put("AUTH_REDIS_PREFIX", "e2e-upgrade-" + authPort + ":");
        Map<String, String> identity = ServiceProcess.demoEnv(pg, "e2e_upgrade_identity", true);
        int identityPort = TestStorage.freePort();
        identity.put("IDENTITY_PORT", Integer.toString(identityPort));
        identity.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");

        ServiceProcess.start("auth-service", authPort, auth).stop();
        ServiceProcess.start("identity-service", identityPort, identity).stop();
        // As the release before left them: without this release's migrations, demo data applied.
        sql(pg, "e2e_upgrade_auth", "alter table clients drop column tokens_not_before",
                "delete from flyway_schema_history where version = '4'");
        sql(pg, "e2e_upgrade_identity", "drop table login_failures",
                "alter table users add column failed_attempts integer not null default 0, add column locked_until timestamptz",
                "delete from flyway_schema_history where version = '2'");

        auth.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        identity.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        ServiceProcess authService = ServiceProcess.start("auth-service", authPort, auth);
        ServiceProcess identityService = ServiceProcess.start("identity-service", identityPort, identity);
        try {
            given().baseUri("http://127.0.0.1:" + authPort).auth().preemptive().basic("report_service_id", "super_secret")
                    .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                    .body("access_token", notNullValue());
        } finally {
            identityService.stop();
            authService.stop();
        }
    }

    private static void sql(TestStorage.Postgres pg, String database, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
