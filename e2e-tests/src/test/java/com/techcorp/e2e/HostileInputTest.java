package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.RawHttp;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of every service, as its own OpenAPI document lists them, against a corpus of
 * hostile requests written byte for byte ({@link HostileRequests}): broken encodings, control and
 * non-UTF-8 bytes, oversized and duplicated fields, wrong and broken content types, hostile Basic
 * and Bearer headers, broken chunking, odd methods. No answer may be a 5xx or show a stack trace
 * or a class name; afterwards every service is still ready and the source documents' requests
 * still work. A request that once broke something belongs in the corpus for good.
 */
class HostileInputTest {

    private static Suite suite;

    @BeforeAll
    static void start() {
        suite = new Suite();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    /** An endpoint as OpenAPI names it: {@code {id}} segments are filled in by the corpus. */
    record Endpoint(String service, int port, String method, String path) {
    }

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAStackTrace() {
        HostileRequests corpus = new HostileRequests(credentials());
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 30, "OpenAPI named only " + endpoints);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        int sent = 0;
        java.util.Set<String> unfinishedSent = new java.util.HashSet<>();
        for (Endpoint endpoint : endpoints) {
            List<HostileRequests.Request> requests = new ArrayList<>(corpus.requestsFor(endpoint));
            if (endpoint.method().equals("POST") && unfinishedSent.add(endpoint.service())) {
                requests.addAll(corpus.unfinishedBodies(endpoint));
            }
            for (HostileRequests.Request request : requests) {
                RawHttp.Answer answer = RawHttp.exchange(endpoint.port(), request.bytes(), request.waitMillis());
                sent++;
                statuses.merge(answer.status(), 1, Integer::sum);
                String problem = problem(answer);
                if (problem != null) {
                    failures.add(endpoint.service() + " " + request.description() + " → " + problem);
                }
            }
        }
        System.out.printf("hostile corpus: %d requests to %d endpoints in %d ms; statuses %s%n",
                sent, endpoints.size(), (System.nanoTime() - start) / 1_000_000, statuses);
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        everyServiceStillServesTheSeeds();
    }

    private static String problem(RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return answer.status() + " " + answer.body().substring(0, Math.min(200, answer.body().length()));
        }
        String all = answer.head() + "\n" + answer.body();
        for (String leak : List.of("Exception", "\tat ", "at java.", "at io.", "at org.", "com.techcorp.", ".java:", "Caused by")) {
            if (all.contains(leak)) {
                return "leaks \"" + leak + "\": " + answer.body().substring(0, Math.min(200, answer.body().length()));
            }
        }
        return null;
    }

    /** Each service's REST endpoints, read from its own OpenAPI document on the management interface. */
    private static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        suite.services().forEach((service, port) -> {
            JsonPath openapi = given().baseUri("http://127.0.0.1").port(suite.managementPort(service))
                    .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
            Map<String, Map<String, Object>> paths = openapi.getMap("paths");
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                    .forEach(m -> all.add(new Endpoint(service, port, m.toUpperCase(), path))));
        });
        return all;
    }

    /** A token for every resource server (a client registered with every scope) and a user's, to get past the scope checks. */
    private static HostileRequests.Credentials credentials() {
        String admin = given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("bootstrap-admin", Suite.ADMIN_SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        var fuzzer = given().baseUri(suite.url(suite.auth)).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("client_id", "hostile-corpus", "grant_types", List.of("client_credentials"),
                        "scope", "data:read reports:read payslips:read leave:read hr:read identity:admin identity:verify auth:admin"))
                .post("/admin/clients").then().statusCode(201).extract();
        String everything = given().baseUri(suite.url(suite.auth)).auth().preemptive()
                .basic("hostile-corpus", fuzzer.<String>path("client_secret"))
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String user = given().baseUri(suite.url(suite.auth)).auth().preemptive().basic("techcorp_employee_portal", "super_secret")
                .formParam("grant_type", "password").formParam("username", "alexchen").formParam("password", "secret123")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String basic = "Basic " + Base64.getEncoder().encodeToString("report_service_id:super_secret".getBytes(StandardCharsets.US_ASCII));
        return new HostileRequests.Credentials(everything, user, basic);
    }

    private static void everyServiceStillServesTheSeeds() {
        suite.services().keySet().forEach(service -> given().baseUri("http://127.0.0.1").port(suite.managementPort(service))
                .get("/q/health/ready").then().statusCode(200));
        String token = given().baseUri(suite.url(suite.auth)).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=report_service_id&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().baseUri(suite.url(suite.data)).header("Authorization", "Bearer " + token).get("/data").then().statusCode(200)
                .body("sales_data[0].month", equalTo("July")).body("sales_data[0].revenue", equalTo("100,000 USD"));
        String user = given().baseUri(suite.url(suite.auth)).contentType("application/x-www-form-urlencoded")
                .body("grant_type=password&username=johndoe&password=secret123&client_id=techcorp_employee_portal&client_secret=super_secret")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().baseUri(suite.url(suite.portal)).header("Authorization", "Bearer " + user).get("/employee/payslips").then()
                .statusCode(200).body("payslips", hasSize(2)).body("leave_balance", equalTo("10 days"));
    }
}
