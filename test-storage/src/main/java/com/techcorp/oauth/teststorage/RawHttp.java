package com.techcorp.oauth.teststorage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand, byte for byte, for what no HTTP client will send: a malformed percent
 * escape in a URL, broken chunking, bytes that are not UTF-8, odd methods. One request per
 * connection ({@code Connection: close}), read until the server closes it.
 */
public final class RawHttp {

    /** What came back; {@code status} is 0 when the server closed the connection without an answer. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /**
     * @param head everything before the body: request line and headers, each ending in CRLF, without
     *             the blank line; {@code Host} and {@code Connection: close} are added
     */
    public static Answer send(int port, String head, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return exchange(port, request.toByteArray());
    }

    /** The exact bytes given, nothing added; waits up to 10 s for the answer. */
    public static Answer exchange(int port, byte[] request) {
        return exchange(port, request, 10_000);
    }

    /**
     * @param waitMillis how long to wait for the server to answer and close: a request whose body
     *                   never completes is answered by nobody, and that is a fine outcome too
     */
    public static Answer exchange(int port, byte[] request, int waitMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(waitMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // The server may answer and close before it has read everything we meant to send.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no exchange with 127.0.0.1:" + port, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException closedOrSlow) {
            // What arrived is the answer.
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        int status = 0;
        if (head.startsWith("HTTP/1.")) {
            String[] parts = head.split(" ", 3);
            status = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
        }
        return new Answer(status, head, body);
    }
}
