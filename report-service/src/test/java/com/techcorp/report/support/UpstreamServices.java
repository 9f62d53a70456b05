package com.techcorp.report.support;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The real auth-service and data-service as processes, with their demo data, for the report's
 * whole path: this service's client-credentials token from the auth-service, the sales from
 * data-service. Their ports and data-service's pid are published as system properties.
 */
public class UpstreamServices implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_PID = "test.data-service.pid";
    public static final String AUTH_PORT = "test.auth-service.port";

    private ServiceProcess auth;
    private ServiceProcess data;

    @Override
    public Map<String, String> start() {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        TestStorage.ensureDatabase(pg, "auth_for_report_test");
        TestStorage.ensureDatabase(pg, "data_for_report_test");
        int authPort = TestStorage.freePort();
        int dataPort = TestStorage.freePort();

        Map<String, String> authEnv = common(pg, "auth_for_report_test");
        authEnv.put("AUTH_PORT", Integer.toString(authPort));
        authEnv.put("REDIS_HOST", redis.host());
        authEnv.put("REDIS_PORT", Integer.toString(redis.port()));
        authEnv.put("AUTH_REDIS_PREFIX", "auth-for-report-test:");
        auth = ServiceProcess.start("auth-service", authPort, authEnv);

        Map<String, String> dataEnv = common(pg, "data_for_report_test");
        dataEnv.put("DATA_PORT", Integer.toString(dataPort));
        dataEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        data = ServiceProcess.start("data-service", dataPort, dataEnv);

        System.setProperty(DATA_PID, Long.toString(data.pid()));
        System.setProperty(AUTH_PORT, Integer.toString(authPort));
        return Map.of(
                "quarkus.oidc-client.auth-server-url", "http://127.0.0.1:" + authPort,
                "quarkus.rest-client.data-service.url", "http://127.0.0.1:" + dataPort);
    }

    private static Map<String, String> common(TestStorage.Postgres pg, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "demo");
        env.put("DB_HOST", pg.host());
        env.put("DB_PORT", Integer.toString(pg.port()));
        env.put("DB_USER", pg.user());
        env.put("DB_PASSWORD", pg.password());
        env.put("DB_NAME", database);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        return env;
    }

    @Override
    public void stop() {
        if (data != null) {
            data.stop();
        }
        if (auth != null) {
            auth.stop();
        }
    }
}
