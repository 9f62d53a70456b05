package com.techcorp.auth.support;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import static io.restassured.RestAssured.given;

/**
 * Requests to the service's management interface (health, metrics, API docs). Its port is the one
 * {@link IdentityServiceProcess} chose; {@code @TestHTTPResource(management = true)} is resolved
 * before test resources set it, so it names the default port instead.
 */
public final class Management {

    private Management() {
    }

    public static RequestSpecification request() {
        return given().baseUri("http://localhost")
                .port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }
}
