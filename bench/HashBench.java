import com.techcorp.oauth.passwordhashing.Argon2id;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The password grant's ceiling: Argon2id verifications per second at the identity-service's cost
 * (7 MiB, 5 iterations, 1 lane), with its own hashing code, on THREADS threads, nothing else.
 *
 * Usage: java -cp 'identity-service/target/quarkus-app/lib/main/*' bench/HashBench.java SECONDS THREADS
 */
public class HashBench {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        String hash = Argon2id.hash("secret123", Argon2id.DEFAULT);
        run(hash, 8); // warm-up: Argon2 in plain Java needs its loops compiled first
        var pool = Executors.newFixedThreadPool(threads);
        var results = new ArrayList<Future<Long>>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> run(hash, seconds)));
        }
        long n = 0;
        for (var r : results) {
            n += r.get();
        }
        pool.shutdown();
        System.out.printf("Argon2id ceiling: %.1f verifications/s with %d thread(s)%n", n / (double) seconds, threads);
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
