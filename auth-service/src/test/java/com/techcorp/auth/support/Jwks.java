package com.techcorp.auth.support;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;

import static io.restassured.RestAssured.given;

/** Verifies tokens the way a resource server does: against the published JWKS, fetched over HTTP. */
public final class Jwks {

    private Jwks() {
    }

    public static String fetch() {
        return given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
    }

    /** Verifies the signature against the JWKS as published now and returns the claims. */
    public static JwtClaims verify(String token) throws Exception {
        JsonWebKeySet set = new JsonWebKeySet(fetch());
        JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(token);
        var key = new VerificationJwkSelector().select(jws, set.getJsonWebKeys());
        if (key == null) {
            throw new AssertionError("no published key has kid " + jws.getKeyIdHeaderValue());
        }
        jws.setKey(key.getKey());
        if (!jws.verifySignature()) {
            throw new AssertionError("signature does not verify");
        }
        return JwtClaims.parse(jws.getPayload());
    }

    public static JsonWebSignature header(String token) throws Exception {
        return (JsonWebSignature) JsonWebStructure.fromCompactSerialization(token);
    }
}
