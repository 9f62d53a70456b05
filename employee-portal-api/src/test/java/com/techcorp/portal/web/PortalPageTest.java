package com.techcorp.portal.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The portal page's static parts (the browser test in e2e-tests drives it for real). */
@QuarkusTest
class PortalPageTest {

    @Test
    void thePageAndItsCallbackServeTheAppWithAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/portal", "/portal/callback"}) {
            given().get(path).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:8080"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .body(containsString("<script src=\"/portal/app.js\""));
        }
        given().get("/portal/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("code_challenge_method: 'S256'"));
    }

    @Test
    void theConfigNamesThePublicDemoClientItsRedirectUriAndWhereSigningOutComesBack() {
        given().get("/portal/config").then().statusCode(200)
                .body("clientId", equalTo("techcorp_portal_web"))
                .body("redirectUri", equalTo("http://localhost:8084/portal/callback"))
                .body("authUrl", equalTo("http://localhost:8080"))
                .body("issuer", equalTo("http://localhost:8080"))
                .body("scope", equalTo("openid payslips:read leave:read"))
                .body("postLogoutRedirectUri", equalTo("http://localhost:8084/portal"));
    }
}
