package com.techcorp.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One set of JVM settings for every way a service runs (deploy/jvm/service.options), and one memory
 * limit per service (its Kubernetes one) from which the JVM sizes its heap: the image, compose, the
 * local suite, the bench scripts and the tests' service processes cannot drift apart.
 */
class JvmSettingsTest {

    private static final String OPTIONS = "deploy/jvm/service.options";
    private static final Pattern K8S_LIMIT = Pattern.compile("limits:.*memory: *(\\d+)Mi");

    @Test
    void everyLauncherStartsTheJvmWithTheSharedSettings() {
        String dockerfile = Repo.read("deploy/docker/Dockerfile");
        assertTrue(dockerfile.contains("COPY --chown=10001 " + OPTIONS + " /app/jvm.options"), "the image holds the settings");
        assertTrue(dockerfile.contains("exec java @/app/jvm.options $JAVA_OPTS -jar"), "the image starts with them");
        for (String script : List.of("deploy/local/suite", "bench/lib.sh")) {
            String text = Repo.read(script);
            assertTrue(text.contains(". \"$ROOT/deploy/jvm/memory.sh\"") && text.contains("memory=$(jvm_memory "), script);
            assertTrue(text.contains("@\"$ROOT/" + OPTIONS + "\" \"$memory\""), script);
            assertFalse(text.contains("-Xmx"), script + " sets no heap of its own");
        }
        assertTrue(Repo.read("test-storage/src/main/java/com/techcorp/oauth/teststorage/ServiceProcess.java")
                .contains("\"deploy/jvm/service.options\""), "the tests' service processes");
        assertFalse(Repo.read(OPTIONS).contains("-Xmx"), "the heap is a share of the limit, not a size");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeGivesEachServiceItsKubernetesMemoryLimit() {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) new Yaml().load(Repo.read("docker-compose.yml"))).get("services");
        Repo.SERVICES.keySet().forEach(name ->
                assertEquals(kubernetesLimitMi(name) + "m", String.valueOf(services.get(name).get("mem_limit")), name));
    }

    /** What the JVM makes of the settings at each service's limit: a heap of 30 % of it, Serial GC, and the bounds. */
    @Test
    void theSettingsAreValidAndSizeTheHeapFromTheLimit() throws IOException, InterruptedException {
        for (String name : Repo.SERVICES.keySet()) {
            long limitMi = kubernetesLimitMi(name);
            String flags = finalFlags("-XX:MaxRAM=" + limitMi + "m");
            assertAbout(limitMi * 1024 * 1024 * 30 / 100, flag(flags, "MaxHeapSize"), name, 1024 * 1024);
            assertEquals("true", flagText(flags, "UseSerialGC"), name);
            assertEquals(64L * 1024 * 1024, flag(flags, "MaxDirectMemorySize"), name);
            assertEquals("true", flagText(flags, "ExitOnOutOfMemoryError"), name);
        }
    }

    private static void assertAbout(long expected, long actual, String name, long tolerance) {
        assertTrue(Math.abs(expected - actual) <= tolerance, name + ": expected about " + expected + ", was " + actual);
    }

    private static long kubernetesLimitMi(String service) {
        Matcher m = K8S_LIMIT.matcher(Repo.read("deploy/k8s/base/" + service + ".yaml"));
        assertTrue(m.find(), service + " has a memory limit in Mi");
        return Long.parseLong(m.group(1));
    }

    private static String finalFlags(String maxRam) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "@" + Repo.ROOT.resolve(OPTIONS), maxRam, "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "the JVM accepts " + OPTIONS + ":\n" + out);
        return out;
    }

    private static String flagText(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+(?::)?=\\s+(\\S+)").matcher(flags);
        assertTrue(m.find(), name + " in -XX:+PrintFlagsFinal");
        return m.group(1);
    }

    private static long flag(String flags, String name) {
        return Long.parseLong(flagText(flags, name));
    }
}
