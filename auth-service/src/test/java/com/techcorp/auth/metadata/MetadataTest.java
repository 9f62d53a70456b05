package com.techcorp.auth.metadata;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** RFC 8414 metadata at both discovery paths. */
@QuarkusTest
class MetadataTest {

    @ConfigProperty(name = "auth.issuer")
    String issuer;

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"})
    void metadataNamesTheIssuerAndEveryEndpoint(String path) {
        given().get(path).then().statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("token_endpoint", equalTo(issuer + "/oauth/token"))
                .body("jwks_uri", equalTo(issuer + "/.well-known/jwks.json"))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic", "client_secret_post"))
                .body("scopes_supported", hasItems("data:read", "payslips:read", "auth:admin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/jwks.json"})
    void jwksHoldsOnlyPublicParts(String path) {
        given().get(path).then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys.d", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                .body("keys.p", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }
}
