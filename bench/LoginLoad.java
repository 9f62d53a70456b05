import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop login load that keeps apart what wrk cannot: the latency of accepted logins and of
 * refusals, whether every refusal carries Retry-After, and which 503s are "busy" (admission) rather
 * than "unavailable" (the circuit breaker, a timeout). Each connection is one employee signing in
 * from an address of their own (X-Forwarded-For; the bench's loopback is a trusted proxy), over a
 * kept-alive HTTP/1.1 connection written by hand: as light on the CPU it shares as wrk.
 *
 * Usage: java bench/LoginLoad.java URL CONNECTIONS SECONDS [honour]
 *        java bench/LoginLoad.java URL serve   (then one line per slice on stdin, "CONNECTIONS
 *        SECONDS [honour]", each answered with its result line: one JVM for every slice, so no
 *        slice pays for starting one and compiling this file on the CPU it measures)
 *   honour: a refused client waits its Retry-After before trying again, as the suite's apps do;
 *           without it every client retries at once (what wrk does, and an attacker).
 * Prints: accepted/s p50 p99 refused/s refused-p99 refusals-without-Retry-After {kind=count}
 */
public class LoginLoad {

    private static final String[] USERS = {"johndoe", "janesmith", "alexchen", "mariagarcia", "samokafor", "priyanair"};

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        if (args[1].equals("serve")) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                String[] slice = line.trim().split(" ");
                System.out.println(slice(url, Integer.parseInt(slice[0]), Long.parseLong(slice[1]),
                        slice.length > 2 && slice[2].equals("honour")));
                System.out.flush();
            }
            return;
        }
        System.out.println(slice(url, Integer.parseInt(args[1]), Long.parseLong(args[2]), args.length > 3 && args[3].equals("honour")));
    }

    private static String slice(URI url, int connections, long seconds, boolean honour) throws InterruptedException {
        List<Long> accepted = new CopyOnWriteArrayList<>();
        List<Long> refused = new CopyOnWriteArrayList<>();
        AtomicInteger noRetryAfter = new AtomicInteger();
        Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String body = "grant_type=password&username=" + USERS[c % USERS.length] + "&password=secret123"
                    + "&client_id=techcorp_employee_portal&client_secret=super_secret";
            byte[] request = ("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nX-Forwarded-For: 10.1." + (c / 250) + "." + (c % 250 + 1) + "\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
            threads.add(Thread.ofVirtual().start(() -> {
                Socket socket = null;
                InputStream in = null;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
                            socket.setSoTimeout(10_000);
                            in = new java.io.BufferedInputStream(socket.getInputStream(), 16_384);
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write(request);
                        out.flush();
                        String[] answer = read(in);
                        long took = System.nanoTime() - start;
                        int status = Integer.parseInt(answer[0].split(" ")[1]);
                        if (status == 200) {
                            accepted.add(took);
                        } else {
                            refused.add(took);
                            if (!answer[0].toLowerCase().contains("\nretry-after:")) {
                                noRetryAfter.incrementAndGet();
                            }
                            String kind = status + (answer[1].contains("busy") ? " busy" : answer[1].contains("unavailable") ? " unavailable" : " other");
                            kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                            if (honour) {
                                Thread.sleep(1000L * retryAfter(answer[0]));
                            }
                        }
                        if (answer[0].toLowerCase().contains("\nconnection: close")) {
                            socket.close();
                            socket = null;
                        }
                    } catch (Exception e) {
                        kinds.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        try {
                            if (socket != null) {
                                socket.close();
                            }
                        } catch (IOException ignored) {
                            // gone already
                        }
                        socket = null;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return String.format("%.1f %s %s %.1f %s %d %s", accepted.size() / (double) seconds, ms(accepted, 50), ms(accepted, 99),
                refused.size() / (double) seconds, ms(refused, 99), noRetryAfter.get(),
                new TreeMap<>(kinds).toString().replace(" ", "_"));
    }

    private static long retryAfter(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "retry-after:", 0, 12)) {
                return Math.max(1, Long.parseLong(line.substring(12).trim()));
            }
        }
        return 1;
    }

    /** One response: {head, body}, the body read by Content-Length (the services answer with one). */
    private static String[] read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headText.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new String[]{headText, new String(body, StandardCharsets.ISO_8859_1)};
    }

    private static String ms(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return "-";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return String.format("%.1fms", sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6);
    }
}
