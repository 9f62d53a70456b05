package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.ServiceProcess;
import com.techcorp.oauth.teststorage.TestStorage;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the auth-service under 16 keep-alive connections of client-credentials requests, as
 * behind a balancer that follows readiness (a Kubernetes Service): every request either gets its
 * answer or is never sent to the instance (readiness DOWN, or its connection refused). A request
 * written on an accepted connection and then met with a reset or end of stream is lost; before,
 * 33–239 of them were (readiness stayed UP until the server closed). Raw sockets, so that nothing
 * retries behind the test's back.
 */
class ShutdownUnderLoadTest {

    private static final int CONNECTIONS = 16;

    @Test
    void sigtermUnderLoadLosesNoRequest() throws Exception {
        var pg = TestStorage.postgres();
        var redis = TestStorage.redis();
        int port = TestStorage.freePort();
        Map<String, String> env = ServiceProcess.authServiceEnv(pg, redis, "shutdown_auth", port);
        ServiceProcess auth = ServiceProcess.start("auth-service", port, env);

        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder refused = new LongAdder();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        AtomicBoolean routable = new AtomicBoolean(true);
        Thread balancer = new Thread(() -> followReadiness(auth.managementPort(), running, routable), "balancer");
        balancer.start();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Thread worker = new Thread(() -> load(port, running, routable, statuses, refused, lost), "load-" + i);
            worker.start();
            workers.add(worker);
        }
        try {
            Thread.sleep(2000);
            long answeredBefore = answered(statuses);
            long terminated = System.nanoTime();
            auth.terminate();
            assertTrue(auth.awaitExit(Duration.ofSeconds(20)), "the auth-service did not exit within 20 s of SIGTERM");
            long exitMillis = (System.nanoTime() - terminated) / 1_000_000;
            Thread.sleep(500);
            running.set(false);
            for (Thread worker : workers) {
                worker.join(5000);
            }
            System.out.printf("shutdown under load: exit %d ms after SIGTERM; answers %s; not sent or refused %d; lost %d%n",
                    exitMillis, statuses, refused.sum(), lost.size());
            assertTrue(answeredBefore > 0, "the load never got an answer");
            assertEquals(List.of(), List.copyOf(lost), "requests lost: accepted, then no answer; statuses " + statuses);
            assertEquals(Map.of(), Map.copyOf(statusesOtherThan(statuses, 200, 503)), "unexpected answers");
            assertTrue(refused.sum() > 0, "requests after readiness went down must not be sent to the instance");
        } finally {
            running.set(false);
            auth.stop();
        }
    }

    private static long answered(Map<Integer, LongAdder> statuses) {
        return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<Integer, Long> statusesOtherThan(Map<Integer, LongAdder> statuses, int... expected) {
        Map<Integer, Long> other = new java.util.HashMap<>();
        statuses.forEach((status, count) -> {
            if (java.util.Arrays.stream(expected).noneMatch(e -> e == status)) {
                other.put(status, count.sum());
            }
        });
        return other;
    }

    /** What a Service does with a pod: new connections go to it while its readiness is UP (checked every 100 ms). */
    private static void followReadiness(int managementPort, AtomicBoolean running, AtomicBoolean routable) {
        var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        var ready = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofMillis(500)).build();
        while (running.get() && routable.get()) {
            try {
                if (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    routable.set(false);
                }
            } catch (IOException e) {
                routable.set(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause(100);
        }
    }

    private static void load(int port, AtomicBoolean running, AtomicBoolean routable, Map<Integer, LongAdder> statuses,
                             LongAdder refused, ConcurrentLinkedQueue<String> lost) {
        String body = "grant_type=client_credentials";
        byte[] request = ("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString("report_service_id:super_secret".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        while (running.get()) {
            if (!routable.get()) {
                refused.increment(); // the balancer sends it elsewhere
                pause(10);
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                boolean keepAlive = true;
                while (keepAlive && running.get()) {
                    try {
                        out.write(request);
                        out.flush();
                        Response response = Response.read(in);
                        statuses.computeIfAbsent(response.status, s -> new LongAdder()).increment();
                        keepAlive = !response.close;
                    } catch (IOException e) {
                        lost.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        keepAlive = false;
                    }
                }
            } catch (ConnectException e) {
                refused.increment();
                pause(10);
            } catch (IOException e) {
                lost.add("connect: " + e);
                pause(10);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP/1.1 response with a Content-Length body, read off the socket; only what the test needs. */
    private record Response(int status, boolean close) {

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("end of stream before a response");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = 0;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            in.skipNBytes(length);
            return new Response(status, close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); ; b = in.read()) {
                if (b < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
        }
    }
}
