package com.techcorp.report.support;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;

import java.util.Map;

/**
 * The real auth-service, identity-service and data-service as processes, with their demo data,
 * for the report's whole path: this service's client-credentials token from the auth-service, the
 * sales from data-service, the dashboard's users signing in. Their ports and data-service's pid are published as system properties.
 */
public class UpstreamServices implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_PID = "test.data-service.pid";
    public static final String AUTH_MANAGEMENT_PORT = "test.auth-service.management-port";
    public static final String AUTH_PORT = "test.auth-service.port";
    /** The demo data's dashboard client at the upstream auth-service (secret super_secret). */
    public static final String DASHBOARD_CLIENT = "report_dashboard";
    private static final String ADMIN_SECRET = "test-only-bootstrap-secret";

    private static UpstreamServices current;

    private ServiceProcess auth;
    private ServiceProcess data;
    private ServiceProcess identity;
    private Map<String, String> authEnv;
    private Map<String, String> dataEnv;

    @Override
    public Map<String, String> start() {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        int authPort = TestStorage.freePort();
        int dataPort = TestStorage.freePort();
        int identityPort = TestStorage.freePort();

        authEnv = ServiceProcess.demoEnv(pg, "auth_for_report_test", true);
        authEnv.put("AUTH_PORT", Integer.toString(authPort));
        authEnv.put("REDIS_HOST", redis.host());
        authEnv.put("REDIS_PORT", Integer.toString(redis.port()));
        authEnv.put("AUTH_REDIS_PREFIX", "auth-for-report-test:");
        authEnv.put("AUTH_BOOTSTRAP_ADMIN_SECRET", ADMIN_SECRET);
        authEnv.put("IDENTITY_URL", "http://127.0.0.1:" + identityPort);
        auth = ServiceProcess.start("auth-service", authPort, authEnv);
        // The dashboard's users sign in at the auth-service, which asks the identity-service.
        Map<String, String> identityEnv = ServiceProcess.demoEnv(pg, "identity_for_report_test", true);
        identityEnv.put("IDENTITY_PORT", Integer.toString(identityPort));
        identityEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        identityEnv.put("AUTH_URL", "http://127.0.0.1:" + authPort);
        identity = ServiceProcess.start("identity-service", identityPort, identityEnv);

        dataEnv = ServiceProcess.demoEnv(pg, "data_for_report_test", true);
        dataEnv.put("DATA_PORT", Integer.toString(dataPort));
        dataEnv.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        data = ServiceProcess.start("data-service", dataPort, dataEnv);

        System.setProperty(DATA_PID, Long.toString(data.pid()));
        System.setProperty(AUTH_MANAGEMENT_PORT, Integer.toString(auth.managementPort()));
        System.setProperty(AUTH_PORT, Integer.toString(authPort));
        current = this;
        String authUrl = "http://127.0.0.1:" + authPort;
        return Map.of(
                "quarkus.oidc-client.auth-server-url", authUrl,
                "quarkus.rest-client.data-service.url", "http://127.0.0.1:" + dataPort,
                "quarkus.oidc.auth-server-url", authUrl,
                "quarkus.oidc.authorization-path", authUrl + "/oauth/authorize",
                "quarkus.oidc.end-session-path", authUrl + "/oauth/logout");
    }

    /**
     * The demo's report_dashboard is registered for port 8083; this run's report-service listens on
     * a port known only once it has started (and a replaced auth-service has the demo data again).
     */
    public static void pointDashboardAt(int reportPort) {
        int authPort = current.auth.port();
        String report = "http://localhost:" + reportPort;
        RestAssured.given().baseUri("http://127.0.0.1:" + authPort).auth().oauth2(adminToken(authPort)).contentType("application/json")
                .body(Map.of("redirect_uris", java.util.List.of(report + "/dashboard/callback"),
                        "post_logout_redirect_uris", java.util.List.of(report + "/dashboard/signed-out")))
                .put("/admin/clients/" + DASHBOARD_CLIENT).then().statusCode(200);
    }

    private static String adminToken(int authPort) {
        return RestAssured.given().baseUri("http://127.0.0.1:" + authPort).auth().preemptive().basic("bootstrap-admin", ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");
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
        if (identity != null) {
            identity.stop();
        }
        if (auth != null) {
            auth.stop();
        }
    }
}
