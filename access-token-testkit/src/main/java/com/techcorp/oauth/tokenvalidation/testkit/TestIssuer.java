package com.techcorp.oauth.tokenvalidation.testkit;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;

/**
 * Points the resource server at the test issuer's JWKS instead of a running auth-service: served
 * over HTTP as the auth-service does, so the tests go the way of production fetches. Use with
 * {@code @WithTestResource(TestIssuer.class)} and mint tokens with {@link TestTokens}.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            byte[] jwks = Files.readAllBytes(TestTokens.jwksFile());
            Files.deleteIfExists(TestSecurityEvents.LOG); // a new service under test starts from an empty log
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=600");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            // RFC 8936 poll of the SETs TestSecurityEvents published; the cursor is a line number.
            // Waits up to half a second for a new one, as the auth-service's long poll does.
            server.createContext("/oauth/security-events", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher cursor = java.util.regex.Pattern.compile("\"cursor\"\\s*:\\s*\"(\\d+)\"").matcher(request);
                int from = cursor.find() ? Integer.parseInt(cursor.group(1)) : 0;
                java.util.List<String> sets = TestSecurityEvents.published();
                for (int waited = 0; sets.size() <= from && waited < 5; waited++) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    sets = TestSecurityEvents.published();
                }
                StringBuilder body = new StringBuilder("{\"sets\":{");
                for (int i = from; i < sets.size(); i++) {
                    body.append(i > from ? "," : "").append("\"set-").append(i).append("\":\"").append(sets.get(i)).append('"');
                }
                body.append("},\"moreAvailable\":false,\"cursor\":\"").append(Math.max(from, sets.size())).append("\"}");
                byte[] answer = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "mp.jwt.verify.publickey.location", base + "/.well-known/jwks.json",
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "tokenvalidation.events.url", base + "/oauth/security-events",
                "tokenvalidation.events.client-secret", "test-only");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
