package com.techcorp.oauth.teststorage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The PostgreSQL and Redis servers that tests talk to: the ones at the configured addresses when
 * they answer, otherwise embedded ones started once per JVM, so that {@code ./mvnw verify} passes
 * on a machine with nothing but a JDK.
 *
 * <p>Environment: {@code TEST_PG_HOST}, {@code TEST_PG_PORT}, {@code TEST_PG_USER},
 * {@code TEST_PG_PASSWORD}, {@code TEST_REDIS_HOST}, {@code TEST_REDIS_PORT}; and
 * {@code TEST_STORAGE=embedded} to skip the local servers (how the fallback path is proven on a
 * machine where they run).
 */
public final class TestStorage {

    private static final Logger LOG = Logger.getLogger(TestStorage.class.getName());

    public record Postgres(String host, int port, String user, String password, boolean embedded) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public record Redis(String host, int port, boolean embedded) {
        public String url() {
            return "redis://" + host + ":" + port;
        }
    }

    private static Postgres postgres;
    private static Redis redis;
    private static EmbeddedPostgres embeddedPostgres;
    private static RedisServer embeddedRedis;

    private TestStorage() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = localPostgres();
            if (postgres == null) {
                postgres = startEmbeddedPostgres();
            }
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            String host = env("TEST_REDIS_HOST", "127.0.0.1");
            int port = Integer.parseInt(env("TEST_REDIS_PORT", "6379"));
            if (!forceEmbedded() && answersPing(host, port)) {
                redis = new Redis(host, port, false);
            } else {
                redis = startEmbeddedRedis();
            }
            LOG.info("tests use " + (redis.embedded() ? "an embedded" : "the local") + " Redis at " + redis.url());
        }
        return redis;
    }

    /** Creates the database unless it exists. Each service's tests own one database. */
    public static void ensureDatabase(Postgres pg, String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect(pg, "postgres")) {
            var rs = c.prepareStatement("select 1 from pg_database where datname = '" + database + "'").executeQuery();
            if (!rs.next()) {
                c.createStatement().execute("create database " + database);
            }
        } catch (SQLException e) {
            // Two test JVMs may race to create it; losing that race is fine.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create test database " + database, e);
            }
        }
    }

    /**
     * A database gone away for its service, without stopping the server others share: new
     * connections to it are refused and its open ones are ended (57P01), until
     * {@code away(pg, database, false)}.
     */
    public static void away(Postgres pg, String database, boolean away) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect(pg, "postgres")) {
            c.createStatement().execute("alter database " + database + " allow_connections " + !away);
            if (away) {
                c.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not " + (away ? "cut off" : "restore") + " database " + database, e);
        }
    }

    private static Postgres localPostgres() {
        if (forceEmbedded()) {
            return null;
        }
        var pg = new Postgres(env("TEST_PG_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_PG_PORT", "5432")),
                env("TEST_PG_USER", "postgres"), env("TEST_PG_PASSWORD", ""), false);
        if (!portOpen(pg.host(), pg.port())) {
            LOG.info("no PostgreSQL answers at " + pg.host() + ":" + pg.port() + "; starting an embedded one");
            return null;
        }
        try (Connection ignored = connect(pg, "postgres")) {
            LOG.info("tests use the local PostgreSQL at " + pg.host() + ":" + pg.port());
            return pg;
        } catch (SQLException e) {
            LOG.warning("PostgreSQL at " + pg.host() + ":" + pg.port() + " refused the test user ("
                    + e.getSQLState() + "); starting an embedded one");
            return null;
        }
    }

    private static Postgres startEmbeddedPostgres() {
        try {
            embeddedPostgres = EmbeddedPostgres.builder().setPort(freePort()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestStorage::closeEmbeddedPostgres));
            var pg = new Postgres("127.0.0.1", embeddedPostgres.getPort(), "postgres", "", true);
            LOG.info("tests use an embedded PostgreSQL on port " + pg.port());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    private static Redis startEmbeddedRedis() {
        try {
            int port = freePort();
            embeddedRedis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            embeddedRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestStorage::closeEmbeddedRedis));
            return new Redis("127.0.0.1", port, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded Redis", e);
        }
    }

    private static void closeEmbeddedPostgres() {
        try {
            embeddedPostgres.close();
        } catch (IOException e) {
            LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static void closeEmbeddedRedis() {
        try {
            embeddedRedis.stop();
        } catch (IOException e) {
            LOG.warning("embedded Redis did not stop cleanly: " + e.getMessage());
        }
    }

    private static Connection connect(Postgres pg, String database) throws SQLException {
        var props = new Properties();
        props.setProperty("user", pg.user());
        props.setProperty("password", pg.password());
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(pg.jdbcUrl(database), props);
    }

    private static boolean answersPing(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(1000);
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[5];
            int n = s.getInputStream().read(reply);
            return n >= 5 && new String(reply, 0, 5).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean portOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean forceEmbedded() {
        return "embedded".equalsIgnoreCase(System.getenv("TEST_STORAGE"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
