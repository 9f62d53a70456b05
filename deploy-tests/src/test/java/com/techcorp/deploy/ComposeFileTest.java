package com.techcorp.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml, checked without a Docker engine: every service with its build, port, health
 * check and healthy dependencies, and every variable it cannot start without.
 */
class ComposeFileTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(Repo.read("docker-compose.yml"));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyServiceStorageIncludedIsThere() {
        Set<String> expected = new java.util.TreeSet<>(Repo.SERVICES.keySet());
        expected.addAll(List.of("postgres", "redis"));
        assertEquals(expected, new java.util.TreeSet<>(services().keySet()));
        assertNotNull(services().get("postgres").get("healthcheck"));
        assertNotNull(services().get("redis").get("healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceIsBuiltExposedCheckedAndWaitsForHealthyDependencies() {
        Repo.SERVICES.forEach((name, port) -> {
            Map<String, Object> s = services().get(name);
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            assertEquals("deploy/docker/Dockerfile", build.get("dockerfile"), name);
            assertEquals(name, ((Map<String, Object>) build.get("args")).get("SERVICE"), name);
            // The management interface only on the host's loopback: never on the network.
            assertEquals(List.of(port + ":" + port, "127.0.0.1:" + (port + 1000) + ":9000"), s.get("ports"), name);
            String healthcheck = String.valueOf(((Map<String, Object>) s.get("healthcheck")).get("test"));
            assertTrue(healthcheck.contains("/q/health/ready") && healthcheck.contains("/9000 "), name);
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) s.get("depends_on");
            assertEquals("service_healthy", dependsOn.get("postgres").get("condition"), name);
            dependsOn.values().forEach(d -> assertEquals("service_healthy", d.get("condition"), name));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceGetsItsPortDatabaseAddressesAndRequiredSecrets() {
        Repo.SERVICES.forEach((name, port) -> {
            Map<String, Object> env = (Map<String, Object>) services().get(name).get("environment");
            assertEquals(String.valueOf(port), String.valueOf(env.get(Repo.PORT_VARIABLE.get(name))), name);
            assertEquals("demo", env.get("QUARKUS_PROFILE"), name);
            for (String variable : List.of("DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_NAME", "AUTH_ISSUER")) {
                assertTrue(env.containsKey(variable), name + " lacks " + variable);
            }
            for (String variable : name.equals("auth-service") ? List.of("REDIS_HOST", "REDIS_PORT") : List.of("AUTH_JWKS_URL")) {
                assertTrue(env.containsKey(variable), name + " lacks " + variable);
            }
            for (String required : Repo.requiredVariables(name)) {
                assertTrue(env.containsKey(required), name + " cannot start without " + required);
            }
            // Every variable it sets is one the service reads (no typos that silently do nothing).
            Set<String> reads = Repo.allVariables(name);
            for (String set : env.keySet()) {
                assertTrue(reads.contains(set) || set.startsWith("QUARKUS_"), name + " sets " + set + ", which it never reads");
            }
        });
    }
}
