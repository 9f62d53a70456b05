import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop login load that keeps apart what wrk cannot: the latency of accepted logins and
 * of refusals, whether every refusal carries Retry-After, and which 503s are "busy" (the
 * identity-service's admission) rather than "unavailable" (the circuit breaker, a timeout).
 * Each connection signs in as one of the demo users from an address of its own (X-Forwarded-For,
 * the bench's loopback being a trusted proxy), as employees behind an ingress would.
 *
 * Usage: java bench/LoginLoad.java URL CONNECTIONS SECONDS
 * Prints: accepted/s p50 p99 refused/s refused-p99 refused-without-retry-after busy unavailable other
 */
public class LoginLoad {

    private static final String[] USERS = {"johndoe", "janesmith", "alexchen", "mariagarcia", "samokafor", "priyanair"};

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        List<Long> accepted = new CopyOnWriteArrayList<>();
        List<Long> refused = new CopyOnWriteArrayList<>();
        AtomicInteger noRetryAfter = new AtomicInteger();
        Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String body = "grant_type=password&username=" + USERS[c % USERS.length] + "&password=secret123"
                    + "&client_id=techcorp_employee_portal&client_secret=super_secret";
            String address = "10.1." + (c / 250) + "." + (c % 250 + 1);
            threads.add(Thread.ofVirtual().start(() -> {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - start;
                        if (r.statusCode() == 200) {
                            accepted.add(took);
                        } else {
                            refused.add(took);
                            if (r.headers().firstValue("Retry-After").isEmpty()) {
                                noRetryAfter.incrementAndGet();
                            }
                            String kind = r.statusCode() + (r.body().contains("busy") ? " busy" : r.body().contains("unavailable") ? " unavailable" : " other");
                            kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        kinds.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("%.1f %s %s %.1f %s %d %s%n", accepted.size() / (double) seconds, ms(accepted, 50), ms(accepted, 99),
                refused.size() / (double) seconds, ms(refused, 99), noRetryAfter.get(), new TreeMap<>(kinds));
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
