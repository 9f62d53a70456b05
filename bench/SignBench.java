import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The signing ceiling: how many access tokens a thread signs per second, with the same claims and
 * the same library (SmallRye JWT build) as the auth-service, and nothing else (no HTTP, no client
 * authentication). Each thread is busy all the time, so the rate per thread is tokens per
 * CPU-second. With THREADS = the number of cores it is measured under the same parallelism as a
 * loaded server (cores that share caches or are hyperthread siblings sign slower together).
 *
 * Usage: java -cp 'auth-service/target/quarkus-app/lib/boot/*:auth-service/target/quarkus-app/lib/main/*' bench/SignBench.java RS256|ES256 SECONDS [THREADS]
 */
public class SignBench {
    public static void main(String[] args) throws Exception {
        String alg = args.length > 0 ? args[0] : "RS256";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        KeyPairGenerator generator = KeyPairGenerator.getInstance(alg.equals("ES256") ? "EC" : "RSA");
        if (alg.equals("ES256")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair pair = generator.generateKeyPair();
        SignatureAlgorithm algorithm = SignatureAlgorithm.fromAlgorithm(alg);

        run(pair, algorithm, Math.max(3, seconds / 2)); // warm-up: JIT
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        var results = new java.util.ArrayList<java.util.concurrent.Future<Long>>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> run(pair, algorithm, seconds)));
        }
        long n = 0;
        for (var r : results) {
            n += r.get();
        }
        pool.shutdown();
        System.out.printf("%s signing ceiling: %.0f tokens/s per thread with %d thread(s) (%d in %d s)%n",
                alg, n / (double) seconds / threads, threads, n, seconds);
    }

    private static long run(KeyPair pair, SignatureAlgorithm algorithm, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            Instant now = Instant.now();
            String token = Jwt.claims()
                    .issuer("http://localhost:8080")
                    .subject("report_service_id")
                    .audience(new LinkedHashSet<>(List.of("data-service")))
                    .claim("client_id", "report_service_id")
                    .claim("scope", "data:read")
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(3600))
                    .claim("jti", UUID.randomUUID().toString())
                    .jws().type("at+jwt").keyId("bench").algorithm(algorithm)
                    .sign(pair.getPrivate());
            if (token.isEmpty()) {
                throw new IllegalStateException();
            }
            n++;
        }
        return n;
    }
}
