import com.techcorp.oauth.passwordhashing.Argon2id;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The password grant's ceiling: Argon2id verifications per second at the identity-service's cost
 * (7 MiB, 5 iterations, 1 lane), with its own hashing code, on THREADS threads, nothing else.
 *
 * Usage: java -cp 'identity-service/target/quarkus-app/lib/main/*' bench/HashBench.java SECONDS THREADS
 *        ... bench/HashBench.java serve THREADS   (then one line per slice on stdin: its SECONDS;
 *        answers each with the rate, so a ceiling can be measured between the slices of a load run)
 */
public class HashBench {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        String hash = Argon2id.hash("secret123", Argon2id.DEFAULT);
        run(hash, 8); // warm-up: Argon2 in plain Java needs its loops compiled first
        var pool = Executors.newFixedThreadPool(threads);
        if (args[0].equals("serve")) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                System.out.printf("%.1f%n", rate(pool, hash, threads, Integer.parseInt(line.trim())));
                System.out.flush();
            }
            pool.shutdown();
            return;
        }
        int seconds = Integer.parseInt(args[0]);
        System.out.printf("Argon2id ceiling: %.1f verifications/s with %d thread(s)%n", rate(pool, hash, threads, seconds), threads);
        pool.shutdown();
    }

    private static double rate(java.util.concurrent.ExecutorService pool, String hash, int threads, int seconds) throws Exception {
        var results = new ArrayList<Future<Long>>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> run(hash, seconds)));
        }
        long n = 0;
        for (var r : results) {
            n += r.get();
        }
        return n / (double) seconds;
    }

    private static long run(String hash, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            if (!Argon2id.verify("secret123", hash)) {
                throw new IllegalStateException();
            }
            n++;
        }
        return n;
    }
}
