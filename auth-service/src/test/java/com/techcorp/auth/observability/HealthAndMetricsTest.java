package com.techcorp.auth.observability;

import com.techcorp.auth.support.Management;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Health, metrics and API docs: on the management interface, and nowhere on the public port. */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessCoversTheDatabaseAndTheSigningKey() {
        Management.request().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("signing-key"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
        Management.request().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountTokensPerGrantAndClientAndRefusalsPerError() {
        var client = TestClients.confidential().scope("data:read").register();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
        given().auth().preemptive().basic(client.clientId(), "wrong")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(401);
        Management.request().get("/q/metrics").then().statusCode(200)
                .body(containsString("oauth_tokens_issued_total{client_id=\"" + client.clientId() + "\",grant_type=\"client_credentials\"}"))
                .body(containsString("oauth_token_errors_total{error=\"invalid_client\"}"))
                .body(containsString("oauth_token_issuance_seconds_count{grant_type=\"client_credentials\"}"));
    }

    @Test
    void openApiDescribesTheTokenEndpoint() {
        Management.request().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/oauth/token"));
    }

    @Test
    void nothingOfTheManagementInterfaceIsOnThePublicPort() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/dev-ui"}) {
            given().redirects().follow(false).get(path).then().statusCode(404).body(containsString("not_found"));
        }
    }
}
