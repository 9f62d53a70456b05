package com.techcorp.oauth.teststorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the suite's services, run from its packaged jar as a real process for a test: started on
 * a port the test chooses, ready when the /q/health/ready of its management interface says so,
 * stopped with the JVM at the latest.
 */
public final class ServiceProcess {

    private final Process process;
    private final int port;
    private final int managementPort;

    private ServiceProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * @param module the service's module directory name, e.g. "identity-service"; its jar must be built
     * @param env    environment of the service (its port variable included); a free MANAGEMENT_PORT is
     *               added when it names none, so a restart with the same map keeps both ports
     */
    public static ServiceProcess start(String module, int port, Map<String, String> env) {
        env.putIfAbsent("MANAGEMENT_PORT", Integer.toString(TestStorage.freePort()));
        int managementPort = Integer.parseInt(env.get("MANAGEMENT_PORT"));
        Path jar = locate(module);
        Path log = Path.of(System.getProperty("user.dir"), "target", module + "-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "@" + jvmOptions(jar), maxRam(jar, module), "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            ServiceProcess service = new ServiceProcess(process, port, managementPort);
            service.awaitReady(Duration.ofSeconds(90), log);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    /**
     * The environment of a service in the demo profile on its own database (created when missing,
     * its schema cleaned at start when {@code clean}); callers add ports and addresses.
     */
    public static Map<String, String> demoEnv(TestStorage.Postgres pg, String database, boolean clean) {
        TestStorage.ensureDatabase(pg, database);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_PROFILE", "demo");
        env.put("DB_HOST", pg.host());
        env.put("DB_PORT", Integer.toString(pg.port()));
        env.put("DB_USER", pg.user());
        env.put("DB_PASSWORD", pg.password());
        env.put("DB_NAME", database);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", Boolean.toString(clean));
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        return env;
    }

    /**
     * An auth-service of its own: {@link #demoEnv} on {@code database}, on {@code port}, with Redis
     * keys under a prefix no other instance uses.
     */
    public static Map<String, String> authServiceEnv(TestStorage.Postgres pg, TestStorage.Redis redis, String database, int port) {
        Map<String, String> env = demoEnv(pg, database, true);
        env.put("AUTH_PORT", Integer.toString(port));
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        env.put("AUTH_REDIS_PREFIX", database + "-" + port + ":");
        return env;
    }

    public int port() {
        return port;
    }

    /** Where its health, metrics and API docs are (Quarkus's management interface). */
    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the process keeps its sockets (the kernel still accepts connections) but answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    /** SIGTERM, without waiting: the service's graceful shutdown starts. */
    public void terminate() {
        signal("TERM");
    }

    /** Waits for it to exit; false when it is still running after the timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void signal(String name) {
        signal(process, name);
    }

    /** Sends a signal (STOP, CONT, TERM…) to a process the tests started. */
    static void signal(Process process, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it and waits until it has exited, so its port is free for whatever starts next. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during start-up; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /** The JVM settings every service has wherever it runs: deploy/jvm/service.options. */
    private static Path jvmOptions(Path jar) {
        return repositoryRoot(jar).resolve("deploy/jvm/service.options");
    }

    private static final Pattern MEMORY_LIMIT = Pattern.compile("limits:.*memory: *(\\d+)Mi");

    /** The service's Kubernetes memory limit as -XX:MaxRAM: it sizes its heap in a test as in its pod. */
    private static String maxRam(Path jar, String module) {
        Path manifest = repositoryRoot(jar).resolve("deploy/k8s/base/" + module + ".yaml");
        try {
            Matcher limit = MEMORY_LIMIT.matcher(Files.readString(manifest));
            if (!limit.find()) {
                throw new IllegalStateException("no memory limit in " + manifest);
            }
            return "-XX:MaxRAM=" + limit.group(1) + "m";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + manifest, e);
        }
    }

    /** ROOT/module/target/quarkus-app/quarkus-run.jar */
    private static Path repositoryRoot(Path jar) {
        return jar.toAbsolutePath().getParent().getParent().getParent().getParent();
    }

    private static Path locate(String module) {
        Path dir = Path.of(System.getProperty("user.dir"));
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            Path jar = dir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no packaged " + module + " found (target/quarkus-app/quarkus-run.jar): run "
                + "'./mvnw verify' from the root, which builds it before the modules whose tests run it");
    }
}
