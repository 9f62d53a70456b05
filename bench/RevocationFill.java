import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Revocations for bench/resource-server.sh, through the real endpoints: "fill N" mints and revokes
 * N client-credentials tokens (N entries in every resource server's revocation list); "lag N"
 * mints a token, checks it is accepted by the resource server, revokes it and measures until the
 * resource server refuses it, N times, and prints p50, p99 and max in milliseconds.
 *
 * Usage: java bench/RevocationFill.java AUTH_URL RESOURCE_URL fill|lag N
 */
public class RevocationFill {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("report_service_id:super_secret".getBytes(StandardCharsets.UTF_8));
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        String auth = args[0];
        String resource = args[1];
        int n = Integer.parseInt(args[3]);
        if ("fill".equals(args[2])) {
            fill(auth, n);
        } else {
            lag(auth, resource, n);
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    private static String mint(String auth) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(auth + "/oauth/token"))
                .header("Authorization", BASIC).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("token: HTTP " + answer.statusCode());
        }
        return token.group(1);
    }

    private static void revoke(String auth, String token) throws Exception {
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(auth + "/oauth/revoke"))
                .header("Authorization", BASIC).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("revoke: HTTP " + answer.statusCode());
        }
    }

    private static int get(String resource, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(resource)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void fill(String auth, int n) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            pool.submit(() -> {
                try {
                    revoke(auth, mint(auth));
                    done.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    inFlight.release();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        System.out.printf("revoked %d tokens in %.1f s (%d failed)%n", done.get(), (System.nanoTime() - start) / 1e9, failed.get());
    }

    private static void lag(String auth, String resource, int n) throws Exception {
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = mint(auth);
            if (get(resource, token) != 200) {
                throw new IllegalStateException("a fresh token was not accepted");
            }
            long start = System.nanoTime();
            revoke(auth, token);
            while (get(resource, token) != 401) {
                if (System.nanoTime() - start > 10_000_000_000L) {
                    throw new IllegalStateException("not refused within 10 s");
                }
                Thread.sleep(5);
            }
            lags.add((System.nanoTime() - start) / 1_000_000);
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("revocation to refusal over %d: p50 %d ms  p99 %d ms  max %d ms%n", n,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1], sorted[sorted.length - 1]);
    }
}
