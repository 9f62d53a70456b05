package com.techcorp.report.support;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The real auth-service and data-service as processes, with their demo data, for the report's
 * whole path: this service's client-credentials token from the auth-service, the sales from
 * data-service. Their ports and data-service's pid are published as system properties.
 */
public class UpstreamServices implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_PID = "test.data-service.pid";
    public static final String AUTH_MANAGEMENT_PORT = "test.auth-service.management-port";

    private static UpstreamServices current;

    private ServiceProcess auth;
    private ServiceProcess data;
    private Map<String, String> authEnv;
    private Map<String, String> dataEnv;

    @Override
    public Map<String, String> start() {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        int authPort = TestStorage.freePort();
        int dataPort = TestStorage.freePort();

        authEnv = ServiceProcess.demoEnv(pg, "auth_for_report_test", true);
        authEnv.put("AUTH_PORT", Integer.toString(authPort));
        authEnv.put("REDIS_HOST", redis.host());
        authEnv.put("REDIS_PORT", Integer.toString(redis.port()));
        authEnv.put("AUTH_REDIS_PREFIX", "auth-for-report-test:");
        auth = ServiceProcess.start("auth-service", authPort, authEnv);

        dataEnv = ServiceProcess.demoEnv(pg, "data_for_report_test", true);
        dataEnv.put("DATA_PORT", Integer.toString(dataPort));
        dataEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        data = ServiceProcess.start("data-service", dataPort, dataEnv);

        System.setProperty(DATA_PID, Long.toString(data.pid()));
        System.setProperty(AUTH_MANAGEMENT_PORT, Integer.toString(auth.managementPort()));
        current = this;
        return Map.of(
                "quarkus.oidc-client.auth-server-url", "http://127.0.0.1:" + authPort,
                "quarkus.rest-client.data-service.url", "http://127.0.0.1:" + dataPort);
    }

    /**
     * The auth-service comes back on its port with a clean database, so new signing keys, and
     * data-service restarts with an empty JWKS cache: every token issued before is now refused.
     */
    public static synchronized void replaceAuthorizationServer() {
        UpstreamServices u = current;
        u.data.stop();
        u.auth.stop();
        u.auth = ServiceProcess.start("auth-service", u.auth.port(), u.authEnv);
        u.data = ServiceProcess.start("data-service", u.data.port(), u.dataEnv);
        System.setProperty(DATA_PID, Long.toString(u.data.pid()));
    }

    /** data-service restarts with these environment variables over its own (none: as started). */
    public static synchronized void restartDataService(Map<String, String> overrides) {
        UpstreamServices u = current;
        u.data.stop();
        Map<String, String> env = new java.util.HashMap<>(u.dataEnv);
        env.putAll(overrides);
        u.data = ServiceProcess.start("data-service", u.data.port(), env);
        System.setProperty(DATA_PID, Long.toString(u.data.pid()));
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
