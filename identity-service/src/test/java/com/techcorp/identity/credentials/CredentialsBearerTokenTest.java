package com.techcorp.identity.credentials;

import com.techcorp.oauth.tokenvalidation.testkit.BearerTokenContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** RFC 6750 §3 on the verification endpoint: the identity-service is a resource server like the others. */
@QuarkusTest
class CredentialsBearerTokenTest extends BearerTokenContract {

    @Override
    protected RequestSpecification request() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "nobody", "password", "nothing"));
    }

    @Override
    protected String method() {
        return "POST";
    }

    @Override
    protected String path() {
        return "/v1/credentials/verify";
    }

    @Override
    protected String scope() {
        return "identity:verify";
    }

    @Override
    protected String audience() {
        return "identity-service";
    }
}
