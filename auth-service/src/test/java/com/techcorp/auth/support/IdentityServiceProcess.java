package com.techcorp.auth.support;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The real identity-service, as a process, for the password grant's tests: its own clean database
 * with the demo users, and the JWKS of the auth-service under test (whose port this resource
 * chooses, so the identity-service knows where to fetch it). Its pid is published as the system
 * property {@code test.identity-service.pid} so that a test can freeze and resume it.
 */
public class IdentityServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String PID_PROPERTY = "test.identity-service.pid";

    private ServiceProcess identity;

    @Override
    public Map<String, String> start() {
        var pg = TestStorage.postgres();
        int authPort = TestStorage.freePort();
        int identityPort = TestStorage.freePort();
        Map<String, String> env = ServiceProcess.demoEnv(pg, "identity_for_auth_test", true);
        env.put("IDENTITY_PORT", Integer.toString(identityPort));
        env.put("IDENTITY_LOCKOUT_MAX_FAILURES", "3");
        env.put("IDENTITY_LOCKOUT_DURATION", "PT3S");
        env.put("AUTH_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
        env.put("AUTH_ISSUER", "http://localhost:8080");
        // Where it tells the auth-service to revoke a disabled user's tokens, and polls its events.
        env.put("AUTH_URL", "http://127.0.0.1:" + authPort);
        env.put("AUTH_EVENTS_URL", "http://127.0.0.1:" + authPort + "/oauth/security-events");
        identity = ServiceProcess.start("identity-service", identityPort, env);
        System.setProperty(PID_PROPERTY, Long.toString(identity.pid()));
        return Map.of(
                "quarkus.http.test-port", Integer.toString(authPort),
                // Fixed like the HTTP port: Micrometer tags a server's metrics with its port only when it is not random, and
                // refuses two servers whose meters differ in tag keys.
                "quarkus.management.test-port", Integer.toString(TestStorage.freePort()),
                "quarkus.rest-client.identity.url", "http://127.0.0.1:" + identityPort);
    }

    /** Sends the identity-service a signal: STOP freezes it (it accepts connections, answers nothing), CONT resumes it. */
    public static void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, System.getProperty(PID_PROPERTY)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (identity != null) {
            identity.stop();
        }
    }
}
