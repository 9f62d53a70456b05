package com.techcorp.auth.error;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** RFC 9110 §15.5.6: every 405 says, in Allow, which methods the resource does take; a 406 is a 406. */
@QuarkusTest
class MethodNotAllowedTest {

    @Test
    void every405NamesTheMethodsThatWouldWork() {
        given().delete("/oauth/revoke").then().statusCode(405).header("Allow", "POST").body("error", equalTo("invalid_request"));
        given().put("/oauth/introspect").then().statusCode(405).header("Allow", "POST");
        given().get("/oauth/token").then().statusCode(405).header("Allow", "POST");
        given().post("/.well-known/jwks.json").then().statusCode(405).header("Allow", "GET, HEAD");
        given().get("/oauth/authorize/login").then().statusCode(405).header("Allow", "POST");
        given().delete("/admin/clients/anyone/disable").then().statusCode(405).header("Allow", "POST");
        given().delete("/admin/clients").then().statusCode(405).header("Allow", "GET, HEAD, POST");
    }

    @Test
    void aTypeTheResourceDoesNotServeIsNotAcceptable() {
        given().accept("text/csv").get("/.well-known/jwks.json").then().statusCode(406).body("error", equalTo("invalid_request"));
    }
}
