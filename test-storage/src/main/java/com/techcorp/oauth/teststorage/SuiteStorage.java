package com.techcorp.oauth.teststorage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Storage for a local run of the suite (deploy/local/suite): the PostgreSQL and Redis at DB_HOST /
 * DB_PORT and REDIS_HOST / REDIS_PORT when they answer, otherwise embedded ones on those ports
 * (or free ones when the ports are taken by something else). Creates each service's database and
 * writes the addresses to ENV_FILE. When it started embedded servers it keeps running until killed;
 * otherwise it exits at once.
 *
 * <p>Usage: {@code SuiteStorage ENV_FILE DATA_DIR database...}
 */
public final class SuiteStorage {

    private SuiteStorage() {
    }

    public static void main(String[] args) throws Exception {
        Path envFile = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        List<String> databases = List.of(args).subList(2, args.length);

        String pgHost = env("DB_HOST", "127.0.0.1");
        int pgPort = Integer.parseInt(env("DB_PORT", "5432"));
        String pgUser = env("DB_USER", "postgres");
        String redisHost = env("REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("REDIS_PORT", "6379"));
        boolean embedded = false;

        var pg = new TestStorage.Postgres(pgHost, pgPort, pgUser, env("DB_PASSWORD", ""), false);
        if (!answers(pgHost, pgPort) || !accepts(pg)) {
            int port = free(pgPort) ? pgPort : TestStorage.freePort();
            Files.createDirectories(dataDir.resolve("postgres"));
            EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false).start();
            pg = new TestStorage.Postgres("127.0.0.1", port, "postgres", "", true);
            embedded = true;
            System.out.println("started an embedded PostgreSQL on port " + port);
        } else {
            System.out.println("using the PostgreSQL at " + pgHost + ":" + pgPort);
        }
        for (String database : databases) {
            TestStorage.ensureDatabase(pg, database);
        }

        if (!answers(redisHost, redisPort)) {
            int port = free(redisPort) ? redisPort : TestStorage.freePort();
            RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no")
                    .build().start();
            redisHost = "127.0.0.1";
            redisPort = port;
            embedded = true;
            System.out.println("started an embedded Redis on port " + port);
        } else {
            System.out.println("using the Redis at " + redisHost + ":" + redisPort);
        }

        Files.createDirectories(envFile.toAbsolutePath().getParent());
        Files.writeString(envFile, String.join("\n",
                "DB_HOST=" + pg.host(), "DB_PORT=" + pg.port(), "DB_USER=" + pg.user(), "DB_PASSWORD=" + pg.password(),
                "REDIS_HOST=" + redisHost, "REDIS_PORT=" + redisPort, "EMBEDDED_STORAGE=" + embedded, ""));
        if (embedded) {
            System.out.println("embedded storage ready");
            Thread.currentThread().join();
        }
    }

    private static boolean accepts(TestStorage.Postgres pg) {
        try {
            TestStorage.ensureDatabase(pg, "postgres");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
