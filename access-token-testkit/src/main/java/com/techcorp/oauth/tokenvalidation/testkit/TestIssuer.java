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
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=600");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jwksUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        return Map.of(
                "mp.jwt.verify.publickey.location", jwksUrl,
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
