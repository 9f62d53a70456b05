package com.techcorp.oauth.tokenvalidation.testkit;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;

/**
 * Every RFC 6750 §3 case for one protected endpoint of a resource server: extend it in the
 * service's tests (with {@link TestIssuer} active) and name the endpoint, its scope and audience.
 */
public abstract class BearerTokenContract {

    /** A request to the protected endpoint, without the Authorization header. */
    protected RequestSpecification request() {
        return given();
    }

    protected String method() {
        return "GET";
    }

    protected abstract String path();

    protected abstract String scope();

    protected abstract String audience();

    /** A token the endpoint accepts (the happy path, for contrast). */
    protected TestTokens valid() {
        return TestTokens.client("contract-client").scope(scope()).audience(audience());
    }

    private ValidatableResponse call(String token) {
        RequestSpecification spec = request();
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.request(method(), path()).then();
    }

    /**
     * Each token is sent twice: resource servers remember tokens they have verified, and the second
     * call must be decided the same way from that memory (a refused token must not be remembered).
     */
    private void invalidToken(String token) {
        for (int call = 0; call < 2; call++) {
            call(token).statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .body("error", equalTo("invalid_token"))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void validTokenIsAccepted() {
        String token = valid().sign();
        for (int call = 0; call < 2; call++) {
            // Accepted means past authentication and authorization; the endpoint's own answer may be any other.
            call(token).statusCode(allOf(not(equalTo(401)), not(equalTo(403)))).header("WWW-Authenticate", nullValue());
        }
    }

    @Test
    void noTokenIsABareChallenge() {
        call(null).statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"oauth\""));
    }

    @Test
    void garbageIsInvalidToken() {
        invalidToken("not-a-jwt");
        invalidToken("a.b.c");
    }

    @Test
    void algNoneIsInvalidToken() {
        invalidToken(valid().unsigned());
    }

    @Test
    void hs256SignedWithThePublicKeyIsInvalidToken() {
        invalidToken(valid().hs256WithPublicKey());
    }

    @Test
    void unknownKeyUnderAKnownKidIsInvalidToken() {
        invalidToken(valid().signWithUnknownKey());
    }

    @Test
    void expiredIsInvalidToken() {
        invalidToken(valid().issued(Duration.ofMinutes(10), Duration.ofMinutes(5)).sign());
    }

    @Test
    void wrongIssuerIsInvalidToken() {
        invalidToken(valid().issuer("https://evil.example").sign());
    }

    @Test
    void wrongAudienceIsInvalidToken() {
        invalidToken(TestTokens.client("contract-client").scope(scope()).audience("some-other-service").sign());
    }

    @Test
    void wrongTypeIsInvalidToken() {
        invalidToken(valid().type("JWT").sign());
        invalidToken(valid().type(null).sign());
    }

    @Test
    void missingScopeIsInsufficientScope() {
        String token = TestTokens.client("contract-client").scope("unrelated:scope").audience(audience()).sign();
        for (int call = 0; call < 2; call++) { // the second from the verified-token memory
            call(token).statusCode(403)
                    .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                    .header("WWW-Authenticate", containsString("scope=\"" + scope() + "\""))
                    .body("error", equalTo("insufficient_scope"));
        }
    }
}
