package com.techcorp.oauth.teststorage;

import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A Redis Cluster (masters with a replica each) or a Redis Sentinel deployment (one master, one
 * replica, three sentinels) as real {@code redis-server} processes on free ports, for tests that
 * prove the suite on them: the machine's {@code redis-server} when it has one, else the binary
 * embedded-redis carries. Nodes can be killed (SIGKILL, as a crashed pod) to test failover; all
 * stop with the JVM at the latest.
 *
 * <p>Failure detection is fast here (1 s node timeout, 1 s sentinel down-after) so a failover
 * fits in a test; production keeps Redis's defaults or its own.
 */
public final class RedisDeployments {

    public static final String SENTINEL_MASTER = "mymaster";
    private static final int SLOTS = 16384;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private RedisDeployments() {
    }

    /** One redis-server process. */
    public static final class Node {
        private final int port;
        private final List<String> command;
        private Process process;

        private Node(int port, List<String> command) {
            this.port = port;
            this.command = new ArrayList<>(command);
            start();
        }

        public int port() {
            return port;
        }

        public String url() {
            return "redis://127.0.0.1:" + port;
        }

        /** Killed without a chance to save or hand over, as a node that crashes. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public boolean alive() {
            return process.isAlive();
        }

        /** Started again as it was (a pod restarted): a cluster node rejoins, as a replica if it was failed over. */
        public void restart() {
            if (alive()) {
                throw new IllegalStateException("redis-server on port " + port + " is running");
            }
            start();
        }

        /** Started again with these arguments added (a later one wins). */
        private void restart(List<String> more) {
            command.addAll(more);
            restart();
        }

        /** Frozen (SIGSTOP): connected, but it neither answers nor replicates until {@link #resume()}. */
        public void pause() {
            signal("STOP");
        }

        public void resume() {
            signal("CONT");
        }

        private void signal(String name) {
            ServiceProcess.signal(process, name);
        }

        private void start() {
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(Path.of(command.get(command.indexOf("--dir") + 1), "redis-" + port + ".log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start redis-server on port " + port, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            await("redis-server on port " + port + " answers", () -> Resp.answers(port));
        }
    }

    /** A Redis Cluster. {@link #hosts()} is the seed list for {@code quarkus.redis.hosts}. */
    public static final class Cluster implements AutoCloseable {
        private final List<Node> nodes;

        private Cluster(List<Node> nodes) {
            this.nodes = nodes;
        }

        public String hosts() {
            return nodes.stream().map(Node::url).collect(Collectors.joining(","));
        }

        /** The node that is the master of the key's slot now. */
        public Node masterOf(String key) {
            Node any = anyAlive();
            long slot = (Long) Resp.call(any.port, "CLUSTER", "KEYSLOT", key);
            for (String line : Resp.text(any.port, "CLUSTER", "NODES").split("\n")) {
                String[] f = line.split(" ");
                if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail")) {
                    for (int i = 8; i < f.length; i++) {
                        String[] range = f[i].split("-");
                        if (range[0].startsWith("[")) {
                            continue;
                        }
                        long from = Long.parseLong(range[0]);
                        long to = Long.parseLong(range[range.length - 1]);
                        if (slot >= from && slot <= to) {
                            return byPort(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                        }
                    }
                }
            }
            throw new IllegalStateException("no master serves slot " + slot);
        }

        /** A replica of that master, in sync with it. */
        public Node replicaOf(Node master) {
            String id = Resp.text(master.port, "CLUSTER", "MYID");
            for (Node node : nodes) {
                if (node != master && node.alive()) {
                    String info = Resp.text(node.port, "INFO", "replication");
                    if (info.contains("master_port:" + master.port + "\r") && info.contains("master_link_status:up")
                            && Resp.text(node.port, "CLUSTER", "NODES").contains("slave " + id)) {
                        return node;
                    }
                }
            }
            throw new IllegalStateException("no replica of " + master.port + " in sync");
        }

        /** Waits until every live node sees the cluster whole again (after a failover, say). */
        public void awaitHealthy() {
            await("the cluster is whole", () -> nodes.stream().filter(Node::alive)
                    .allMatch(n -> Resp.text(n.port, "CLUSTER", "INFO").contains("cluster_state:ok")));
        }

        /** Waits until every master has a replica in sync (after a killed node came back, say). */
        public void awaitReplicated() {
            await("every master has a replica in sync", () -> nodes.stream().filter(Node::alive).allMatch(n -> {
                String info = Resp.text(n.port, "INFO", "replication");
                return info.contains("role:master") ? !info.contains("connected_slaves:0") : info.contains("master_link_status:up");
            }));
        }

        private Node anyAlive() {
            return nodes.stream().filter(Node::alive).findFirst().orElseThrow();
        }

        private Node byPort(int port) {
            return nodes.stream().filter(n -> n.port == port).findFirst().orElseThrow();
        }

        @Override
        public void close() {
            nodes.forEach(Node::kill);
        }
    }

    /** A master, its replica and three sentinels watching them under {@link #SENTINEL_MASTER}. */
    public static final class Sentinel implements AutoCloseable {
        private final List<Node> data;
        private final List<Node> sentinels;

        private Sentinel(List<Node> data, List<Node> sentinels) {
            this.data = data;
            this.sentinels = sentinels;
        }

        /** The sentinels, for {@code quarkus.redis.hosts}. */
        public String hosts() {
            return sentinels.stream().map(Node::url).collect(Collectors.joining(","));
        }

        /** The data node the sentinels name as master now. */
        public Node master() {
            @SuppressWarnings("unchecked")
            List<Object> address = (List<Object>) Resp.call(sentinels.get(0).port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", SENTINEL_MASTER);
            int port = Integer.parseInt(address.get(1).toString());
            return data.stream().filter(n -> n.port == port).findFirst().orElseThrow();
        }

        /**
         * A crashed data node back as a replica of the master the sentinels name now, as a
         * Sentinel deployment's pod starts (it asks the sentinels first): faster than waiting for
         * the sentinels to find it as a stale master and turn it.
         */
        public void restartAsReplica(Node node) {
            node.restart(List.of("--replicaof", "127.0.0.1", Integer.toString(master().port)));
        }

        /** The data node that is not the master now. */
        public Node replica() {
            Node master = master();
            return data.stream().filter(n -> n != master).findFirst().orElseThrow();
        }

        /** Waits until the replica is in sync with the master the sentinels name (after a failover and a restart, say). */
        public void awaitReplicated() {
            await("the replica follows the master", () -> {
                Node master = master();
                String info = Resp.text(replica().port, "INFO", "replication");
                return info.contains("master_port:" + master.port + "\r") && info.contains("master_link_status:up");
            });
        }

        @Override
        public void close() {
            sentinels.forEach(Node::kill);
            data.forEach(Node::kill);
        }
    }

    /** {@code masters} masters with {@code replicasEach} replicas each, all slots assigned, replicas in sync. */
    public static Cluster cluster(int masters, int replicasEach) {
        Path dir = tempDir("redis-cluster");
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < masters * (1 + replicasEach); i++) {
            int port = TestStorage.freePort();
            nodes.add(new Node(port, serverCommand(dir, port, List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                    "--cluster-node-timeout", "1000",
                    // A replica whose master crashed takes over however long it was cut off.
                    "--cluster-replica-validity-factor", "0",
                    // Slots of a master that is down answer errors; the others go on serving.
                    "--cluster-require-full-coverage", "no"))));
        }
        for (int i = 0; i < masters; i++) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = SLOTS * i / masters; slot < SLOTS * (i + 1) / masters; slot++) {
                command.add(Integer.toString(slot));
            }
            Resp.call(nodes.get(i).port, command.toArray(String[]::new));
        }
        for (Node node : nodes.subList(1, nodes.size())) {
            Resp.call(nodes.get(0).port, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port));
        }
        await("every node knows every other", () -> nodes.stream()
                .allMatch(n -> Resp.text(n.port, "CLUSTER", "NODES").lines().filter(l -> !l.contains("handshake")).count() == nodes.size()));
        for (int i = masters; i < nodes.size(); i++) {
            String masterId = Resp.text(nodes.get((i - masters) % masters).port, "CLUSTER", "MYID");
            Node replica = nodes.get(i);
            await("node " + replica.port + " replicates", () -> {
                try {
                    Resp.call(replica.port, "CLUSTER", "REPLICATE", masterId);
                    return true;
                } catch (IllegalStateException notYetKnown) {
                    return false;
                }
            });
        }
        Cluster cluster = new Cluster(nodes);
        cluster.awaitHealthy();
        if (replicasEach > 0) {
            cluster.awaitReplicated();
        }
        return cluster;
    }

    /** One master, one replica in sync, three sentinels that agree on both and on each other. */
    public static Sentinel sentinel() {
        Path dir = tempDir("redis-sentinel");
        int masterPort = TestStorage.freePort();
        Node master = new Node(masterPort, serverCommand(dir, masterPort, List.of()));
        int replicaPort = TestStorage.freePort();
        Node replica = new Node(replicaPort, serverCommand(dir, replicaPort, List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort))));
        await("the replica is in sync", () -> Resp.text(replicaPort, "INFO", "replication").contains("master_link_status:up"));
        List<Node> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = TestStorage.freePort();
            Path config = dir.resolve("sentinel-" + port + ".conf");
            write(config, String.join("\n",
                    "sentinel monitor " + SENTINEL_MASTER + " 127.0.0.1 " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + SENTINEL_MASTER + " 1000",
                    "sentinel failover-timeout " + SENTINEL_MASTER + " 5000",
                    ""));
            List<String> command = new ArrayList<>(List.of(binary(), config.toString(), "--sentinel"));
            command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
            sentinels.add(new Node(port, command));
        }
        await("the sentinels know the replica and each other", () -> sentinels.stream().allMatch(s -> {
            Map<String, String> fields = pairs(Resp.call(s.port, "SENTINEL", "MASTER", SENTINEL_MASTER));
            return "1".equals(fields.get("num-slaves")) && "2".equals(fields.get("num-other-sentinels"));
        }));
        return new Sentinel(List.of(master, replica), sentinels);
    }

    /** Waits up to 30 s for a condition that talks to the nodes (errors count as not yet). */
    public static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("timed out waiting until " + what, notYet);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> serverCommand(Path dir, int port, List<String> extra) {
        List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(extra);
        return command;
    }

    private static Map<String, String> pairs(Object reply) {
        List<?> flat = (List<?>) reply;
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    private static String binary;

    /** The machine's redis-server when it is on the PATH, else embedded-redis's. */
    private static synchronized String binary() {
        if (binary == null) {
            binary = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .map(p -> Path.of(p, "redis-server")).filter(Files::isExecutable).findFirst().map(Path::toString)
                    .orElseGet(() -> {
                        try {
                            return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
                        } catch (IOException e) {
                            throw new UncheckedIOException("no redis-server binary", e);
                        }
                    });
        }
        return binary;
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
