package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

/**
 * The whole suite as real processes on free ports, each with its own clean database and the demo
 * data, wired to each other as in a local run. Keys rotate fast here (pre-publication 3 s) so a
 * rotation fits in a test.
 */
final class Suite implements AutoCloseable {

    static final String ADMIN_SECRET = "e2e-only-bootstrap-secret";
    /** The portal page's client here: the demo one's redirect URI names port 8084, the suite's portal runs elsewhere. */
    static final String PORTAL_WEB_CLIENT = "portal_web_e2e";

    final int auth = TestStorage.freePort();
    final int identity = TestStorage.freePort();
    final int data = TestStorage.freePort();
    final int report = TestStorage.freePort();
    final int portal = TestStorage.freePort();
    private final Map<String, ServiceProcess> processes = new java.util.LinkedHashMap<>();
    private final ServiceProcess authService;
    private final Map<String, String> reportEnv;

    /** On the standalone Redis of the tests. */
    Suite() {
        this(Map.of("REDIS_HOST", TestStorage.redis().host(), "REDIS_PORT", Integer.toString(TestStorage.redis().port())));
    }

    /** @param redis the auth-service's Redis settings (a Cluster's or Sentinel's, say) */
    Suite(Map<String, String> redis) {
        var pg = TestStorage.postgres();
        String jwks = "http://127.0.0.1:" + auth + "/.well-known/jwks.json";
        // The issuer is the auth-service as a browser reaches it (browser clients and OpenID Connect discovery check it).
        String issuer = "http://localhost:" + auth;
        String events = "http://127.0.0.1:" + auth + "/oauth/security-events";

        Map<String, String> authEnv = ServiceProcess.demoEnv(pg, "e2e_auth", true);
        authEnv.put("AUTH_PORT", Integer.toString(auth));
        authEnv.putAll(redis);
        authEnv.put("AUTH_REDIS_PREFIX", "e2e-" + auth + ":");
        authEnv.put("IDENTITY_URL", "http://127.0.0.1:" + identity);
        authEnv.put("AUTH_BOOTSTRAP_ADMIN_SECRET", ADMIN_SECRET);
        authEnv.put("AUTH_KEY_PREPUBLICATION", "PT3S");
        authEnv.put("AUTH_KEY_SYNC_INTERVAL", "PT1S");
        // The portal page, as a browser sees it: on localhost, signing in as its own public client.
        authEnv.put("AUTH_CORS_ORIGINS", "http://localhost:" + portal);
        authEnv.put("AUTH_ISSUER", issuer);
        authService = ServiceProcess.start("auth-service", auth, authEnv);
        pointDashboardAtThisSuite();

        Map<String, String> identityEnv = ServiceProcess.demoEnv(pg, "e2e_identity", true);
        identityEnv.put("IDENTITY_PORT", Integer.toString(identity));
        identityEnv.put("AUTH_JWKS_URL", jwks);
        identityEnv.put("AUTH_ISSUER", issuer);
        identityEnv.put("AUTH_EVENTS_URL", events);
        identityEnv.put("AUTH_URL", "http://127.0.0.1:" + auth);
        Map<String, String> dataEnv = ServiceProcess.demoEnv(pg, "e2e_data", true);
        dataEnv.put("DATA_PORT", Integer.toString(data));
        dataEnv.put("AUTH_JWKS_URL", jwks);
        dataEnv.put("AUTH_ISSUER", issuer);
        dataEnv.put("AUTH_EVENTS_URL", events);
        Map<String, String> portalEnv = ServiceProcess.demoEnv(pg, "e2e_portal", true);
        portalEnv.put("PORTAL_PORT", Integer.toString(portal));
        portalEnv.put("AUTH_JWKS_URL", jwks);
        portalEnv.put("AUTH_ISSUER", issuer);
        portalEnv.put("AUTH_EVENTS_URL", events);
        portalEnv.put("PORTAL_AUTH_URL", "http://localhost:" + auth);
        portalEnv.put("PORTAL_CLIENT_ID", PORTAL_WEB_CLIENT);
        portalEnv.put("PORTAL_REDIRECT_URI", portalCallback());
        portalEnv.put("PORTAL_POST_LOGOUT_REDIRECT_URI", portalPage());
        reportEnv = ServiceProcess.demoEnv(pg, "e2e_report", true);
        reportEnv.put("REPORT_PORT", Integer.toString(report));
        reportEnv.put("AUTH_JWKS_URL", jwks);
        reportEnv.put("AUTH_ISSUER", issuer);
        reportEnv.put("AUTH_EVENTS_URL", events);
        reportEnv.put("AUTH_URL", "http://127.0.0.1:" + auth);
        reportEnv.put("DATA_SERVICE_URL", "http://127.0.0.1:" + data);
        processes.put("auth-service", authService);
        startTogether(Map.of("identity-service", Map.entry(identity, identityEnv), "data-service", Map.entry(data, dataEnv),
                "employee-portal-api", Map.entry(portal, portalEnv), "report-service", Map.entry(report, reportEnv)));
        // Five JVMs just started on a small machine: the auth-service's first call to the
        // identity-service may exceed its 1 s timeout while both are cold. Wait until one login works.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> given().baseUri(url(auth))
                .auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("grant_type", "password").formParam("username", "janesmith").formParam("password", "secret123")
                .post("/oauth/token").then().extract().statusCode() == 200);
    }

    /**
     * The services that need only the auth-service, started at once (each start waits for its
     * readiness, mostly JIT and class loading, which overlap well): a quarter of a minute less per suite.
     */
    private void startTogether(Map<String, Map.Entry<Integer, Map<String, String>>> services) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(services.size());
        try {
            Map<String, java.util.concurrent.Future<ServiceProcess>> starting = new java.util.TreeMap<>();
            services.forEach((module, portAndEnv) -> starting.put(module,
                    pool.submit(() -> ServiceProcess.start(module, portAndEnv.getKey(), portAndEnv.getValue()))));
            RuntimeException failure = null;
            for (var entry : starting.entrySet()) {
                try {
                    processes.put(entry.getKey(), entry.getValue().get());
                } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                    failure = failure != null ? failure : new IllegalStateException(entry.getKey() + " did not start", e);
                }
            }
            if (failure != null) {
                close();
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Stops the auth-service for good (the test that does this runs last). */
    void stopAuthService() {
        authService.stop();
    }

    /** report-service starts again (on its database as it is), e.g. while the auth-service is away. */
    void restartReportService() {
        processes.get("report-service").stop();
        Map<String, String> env = new java.util.HashMap<>(reportEnv);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        processes.put("report-service", ServiceProcess.start("report-service", report, env));
    }

    /** A service's log so far (ServiceProcess writes target/MODULE-PORT.log). */
    String log(String module) throws java.io.IOException {
        int port = switch (module) {
            case "auth-service" -> auth;
            case "identity-service" -> identity;
            case "data-service" -> data;
            case "report-service" -> report;
            default -> portal;
        };
        return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("user.dir"), "target", module + "-" + port + ".log"));
    }

    /** Each service's module name and public port. */
    Map<String, Integer> services() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        processes.forEach((name, process) -> ports.put(name, process.port()));
        return ports;
    }

    /** Where a service's health, metrics and OpenAPI document are. */
    int managementPort(String module) {
        return processes.get(module).managementPort();
    }

    /**
     * The demo data's report dashboard client names port 8083; the suite's report-service runs
     * elsewhere, so its redirect URIs are set for this suite's port (its demo secret stays).
     */
    private void pointDashboardAtThisSuite() {
        String admin = given().baseUri(url(auth)).auth().preemptive().basic("bootstrap-admin", ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String dashboard = "http://localhost:" + report + "/dashboard";
        given().baseUri(url(auth)).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("redirect_uris", java.util.List.of(dashboard + "/callback"),
                        "post_logout_redirect_uris", java.util.List.of(dashboard + "/signed-out")))
                .put("/admin/clients/report_dashboard").then().statusCode(200);
    }

    String portalPage() {
        return "http://localhost:" + portal + "/portal";
    }

    String portalCallback() {
        return "http://localhost:" + portal + "/portal/callback";
    }

    String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::stop);
    }
}
