import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The password grant's ceiling: Argon2id verifications per second at the identity-service's cost
 * (7 MiB, 5 iterations, 1 lane), on THREADS threads, nothing else.
 *
 * Usage: java -cp 'identity-service/target/quarkus-app/lib/main/*' bench/HashBench.java SECONDS THREADS
 */
public class HashBench {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Argon2Function argon2 = Argon2Function.getInstance(7168, 5, 1, 32, Argon2.ID, 19);
        String hash = Password.hash("secret123").addRandomSalt(16).with(argon2).getResult();
        run(argon2, hash, 8); // warm-up: Argon2 in plain Java needs its loops compiled first
        var pool = Executors.newFixedThreadPool(threads);
        var results = new ArrayList<Future<Long>>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> run(argon2, hash, seconds)));
        }
        long n = 0;
        for (var r : results) {
            n += r.get();
        }
        pool.shutdown();
        System.out.printf("Argon2id ceiling: %.1f verifications/s with %d thread(s)%n", n / (double) seconds, threads);
    }

    private static long run(Argon2Function argon2, String hash, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            if (!Password.check("secret123", hash).with(argon2)) {
                throw new IllegalStateException();
            }
            n++;
        }
        return n;
    }
}
