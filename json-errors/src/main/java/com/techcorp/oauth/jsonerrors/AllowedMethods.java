package com.techcorp.oauth.jsonerrors;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods a path answers, for the {@code Allow} header that RFC 9110 §15.5.6 requires on every
 * 405: the REST layer refuses the method but names no alternatives. Read once from the service's
 * resource classes (CDI beans with {@code @Path}); a path template's {@code {param}} matches one
 * segment.
 */
public final class AllowedMethods {

    private record Route(Pattern path, Set<String> methods) {
    }

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** @return e.g. "GET, HEAD, POST", or null when no resource has this path */
    public static String of(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.addAll(route.methods());
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        return String.join(", ", methods);
    }

    private static List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (var bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path base = bean.getBeanClass().getAnnotation(Path.class);
                if (base != null) {
                    for (Method method : bean.getBeanClass().getMethods()) {
                        String http = httpMethod(method);
                        if (http != null) {
                            Path sub = method.getAnnotation(Path.class);
                            known.add(new Route(template(base.value() + (sub == null ? "" : "/" + sub.value())), Set.of(http)));
                        }
                    }
                }
            }
            routes = List.copyOf(known);
        }
        return known;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/admin/clients/{id}/secret" → a pattern; slashes collapsed, a trailing one optional. */
    static Pattern template(String path) {
        String normalized = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        for (String part : normalized.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }
}
