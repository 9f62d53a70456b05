package com.techcorp.oauth.teststorage;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One command to one Redis node over a fresh connection, for setting up and watching test
 * deployments (cluster slots, replicas, sentinels). Blocking and plain on purpose: it runs on the
 * test's thread before and beside the services, which have their own client. Replies: simple and
 * bulk strings as {@code String}, integers as {@code Long}, arrays as {@code List}; an error reply
 * is an {@link IllegalStateException}.
 */
public final class Resp {

    private Resp() {
    }

    public static Object call(int port, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String part : command) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + ": " + command[0], e);
        }
    }

    /** The reply as text (bulk or simple string), or null. */
    public static String text(int port, String... command) {
        Object reply = call(port, command);
        return reply == null ? null : reply.toString();
    }

    /** Whether a node answers at all. */
    public static boolean answers(int port) {
        try {
            return "PONG".equals(call(port, "PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            default -> throw new IOException("not a RESP reply: " + (char) type + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }
}
