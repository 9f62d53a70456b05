package com.techcorp.report.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/1.0 without Host, to the dashboard and to the API: a 400, never the 500 quarkus-oidc's URL building made of it. */
@QuarkusTest
class HostRequiredTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aRequestWithoutHostIsABadRequest() throws Exception {
        for (String path : new String[] {"/dashboard", "/reports", "/dashboard/signed-out"}) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.0 400") || answer.startsWith("HTTP/1.1 400"), path + ": " + answer);
                assertTrue(answer.contains("invalid_request"), answer);
            }
        }
    }
}
