package com.techcorp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's files, read as the deployment sees them. */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Map<String, Integer> SERVICES = Map.of("auth-service", 8080, "identity-service", 8081,
            "data-service", 8082, "report-service", 8083, "employee-portal-api", 8084);
    static final Map<String, String> PORT_VARIABLE = Map.of("auth-service", "AUTH_PORT", "identity-service", "IDENTITY_PORT",
            "data-service", "DATA_PORT", "report-service", "REPORT_PORT", "employee-portal-api", "PORTAL_PORT");
    private static final Pattern REQUIRED = Pattern.compile("^[a-z].*=\\$\\{([A-Z_]+)}\\s*$", Pattern.MULTILINE);
    private static final Pattern ANY = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private Repo() {
    }

    static String read(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Variables a service reads with no default in its production configuration (it cannot start without them). */
    static Set<String> requiredVariables(String service) {
        Set<String> names = new TreeSet<>();
        Matcher m = REQUIRED.matcher(read(service + "/src/main/resources/application.properties"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every variable a service reads, from its own configuration and the shared resource-server defaults. */
    static Set<String> allVariables(String service) {
        Set<String> names = new TreeSet<>();
        for (String file : List.of(service + "/src/main/resources/application.properties",
                "service-defaults/src/main/resources/META-INF/microprofile-config.properties",
                "access-token-validation/src/main/resources/META-INF/microprofile-config.properties")) {
            if (file.startsWith("access") && service.equals("auth-service")) {
                continue;
            }
            Matcher m = ANY.matcher(read(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
