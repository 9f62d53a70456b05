package com.techcorp.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every overlay rendered with {@code kubectl kustomize} and checked: probes, limits, non-root
 * read-only containers, secrets by reference only; prod with replicas, HPA, PDB and the
 * NetworkPolicy that lets only the auth-service reach the identity-service. Skipped where there is
 * no kubectl (a developer laptop), unless REQUIRE_KUBECTL is set, as .ci/run does (it installs
 * Debian's kubernetes-client): there it fails instead. The overlays use the kustomize syntax that
 * Debian's kubectl (v1.20, kustomize v2) reads as well as today's.
 */
class KubernetesOverlaysTest {

    private static List<Map<String, Object>> render(String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", Repo.ROOT.resolve("deploy/k8s/overlays/" + overlay).toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noKubectl) {
            if (System.getenv("REQUIRE_KUBECTL") != null) {
                throw new AssertionError("REQUIRE_KUBECTL is set but kubectl is not installed", noKubectl);
            }
            Assumptions.abort("kubectl is not installed");
            throw noKubectl;
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kubectl.waitFor(), out);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(out)) {
            if (doc != null) {
                @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) doc;
                docs.add(map);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
        return kind(docs, kind).stream().filter(d -> name.equals(at(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static void servicesAreHardened(List<Map<String, Object>> docs) {
        Repo.SERVICES.forEach((name, port) -> {
            Map<String, Object> deployment = named(docs, "Deployment", name);
            Map<String, Object> pod = at(deployment, "spec", "template", "spec");
            Map<String, Object> container = at(pod, "containers", "0");
            assertEquals(Boolean.TRUE, at(pod, "securityContext", "runAsNonRoot"), name);
            assertEquals(Boolean.TRUE, at(container, "securityContext", "readOnlyRootFilesystem"), name);
            assertEquals(Boolean.FALSE, at(container, "securityContext", "allowPrivilegeEscalation"), name);
            assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"), name);
            assertEquals("/q/health/live", at(container, "livenessProbe", "httpGet", "path"), name);
            // Probes on the management interface, which the Service does not expose.
            assertEquals("management", at(container, "readinessProbe", "httpGet", "port"), name);
            assertEquals("management", at(container, "livenessProbe", "httpGet", "port"), name);
            assertEquals(1, ((List<?>) at(named(docs, "Service", name), "spec", "ports")).size(), name);
            assertTrue(at(container, "resources", "limits", "memory") != null && at(container, "resources", "requests", "cpu") != null, name);
            assertEquals((Object) port, at(named(docs, "Service", name), "spec", "ports", "0", "port"), name);
        });
    }

    @Test
    void devRunsTheDemoOnOneReplicaWithStorageInTheCluster() throws Exception {
        var docs = render("dev");
        servicesAreHardened(docs);
        Repo.SERVICES.keySet().forEach(name -> assertEquals(Integer.valueOf(1), at(named(docs, "Deployment", name), "spec", "replicas")));
        named(docs, "Deployment", "postgres");
        named(docs, "Deployment", "redis");
        assertTrue(kind(docs, "ConfigMap").stream().anyMatch(c -> "demo".equals(at(c, "data", "QUARKUS_PROFILE"))));
    }

    @Test
    void prodScalesSurvivesDrainsAndFencesTheIdentityService() throws Exception {
        var docs = render("prod");
        servicesAreHardened(docs);
        assertTrue(kind(docs, "Secret").isEmpty(), "production secrets come from the cluster, never from the repository");
        assertFalse(docs.stream().anyMatch(d -> d.toString().contains("demo")), "no demo data or demo secret in production");
        assertTrue(kind(docs, "ConfigMap").stream().anyMatch(c -> "prod".equals(at(c, "data", "QUARKUS_PROFILE"))));
        Repo.SERVICES.keySet().forEach(name -> {
            assertTrue((Integer) at(named(docs, "Deployment", name), "spec", "replicas") >= 2, name);
            assertTrue((Integer) at(named(docs, "HorizontalPodAutoscaler", name), "spec", "minReplicas") >= 2, name);
            assertEquals(name, at(named(docs, "HorizontalPodAutoscaler", name), "spec", "scaleTargetRef", "name"));
            assertEquals(name, at(named(docs, "PodDisruptionBudget", name), "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
        });
        var policy = named(docs, "NetworkPolicy", "identity-service-only-from-auth-service");
        assertEquals("identity-service", at(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"));
        assertEquals("auth-service", at(policy, "spec", "ingress", "0", "from", "0", "podSelector", "matchLabels", "app.kubernetes.io/name"));
        assertEquals(1, ((List<?>) at(policy, "spec", "ingress", "0", "from")).size());
        var management = named(docs, "NetworkPolicy", "management-only-in-cluster");
        assertEquals(9000, (Integer) at(management, "spec", "ingress", "0", "ports", "0", "port"));
        // No other policy opens the identity-service or the management port to the world.
        var open = named(docs, "NetworkPolicy", "public-service-ports");
        assertEquals("identity-service", at(open, "spec", "podSelector", "matchExpressions", "1", "values", "0"));
        assertFalse(Objects.toString(at(open, "spec", "ingress")).contains("9000") || Objects.toString(at(open, "spec", "ingress")).contains("8081"));
        for (var deployment : kind(docs, "Deployment")) {
            String env = Objects.toString(at(deployment, "spec", "template", "spec", "containers", "0", "env"));
            assertFalse(env.contains("KEY=") || env.matches(".*value=[A-Za-z0-9+/]{40,}={0,2}.*"), "a literal secret in " + deployment);
        }
    }

    /** prod on Redis Sentinel or a Redis Cluster: prod in all else, the client type set, rotations confirmed by a replica. */
    @Test
    void prodOnSentinelOrClusterChangesOnlyTheRedisSettings() throws Exception {
        for (String topology : List.of("sentinel", "cluster")) {
            var docs = render("prod-redis-" + topology);
            servicesAreHardened(docs);
            Repo.SERVICES.keySet().forEach(name -> assertTrue((Integer) at(named(docs, "Deployment", name), "spec", "replicas") >= 2, name));
            Map<String, Object> config = kind(docs, "ConfigMap").stream().filter(c -> "prod".equals(at(c, "data", "QUARKUS_PROFILE")))
                    .findFirst().orElseThrow();
            assertEquals(topology, at(config, "data", "QUARKUS_REDIS_CLIENT_TYPE"));
            assertEquals("1", at(config, "data", "AUTH_REDIS_REPLICA_ACKS"));
            String hosts = at(config, "data", "QUARKUS_REDIS_HOSTS");
            assertTrue(hosts.split(",").length >= 3 && hosts.startsWith("redis://"), hosts);
            if (topology.equals("sentinel")) {
                assertEquals("mymaster", at(config, "data", "QUARKUS_REDIS_MASTER_NAME"));
            }
            assertTrue(kind(docs, "Secret").isEmpty());
        }
    }
}
