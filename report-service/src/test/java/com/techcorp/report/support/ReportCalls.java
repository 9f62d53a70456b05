package com.techcorp.report.support;

import com.techcorp.oauth.tokenvalidation.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Calls the report tests make: as an analyst of report-service, and to the upstream auth-service's metrics. */
public final class ReportCalls {

    private ReportCalls() {
    }

    /** A request with a token of the test issuer carrying reports:read. */
    public static RequestSpecification asAnalyst() {
        return given().auth().oauth2(TestTokens.client("analyst").scope("reports:read").audience("report-service").sign());
    }

    /** Tokens the upstream auth-service has issued to report_service_id, read from its own metrics. */
    public static double tokensIssuedToReportService() {
        String metrics = given().baseUri("http://127.0.0.1:" + System.getProperty(UpstreamServices.AUTH_MANAGEMENT_PORT))
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("oauth_tokens_issued_total\\{client_id=\"report_service_id\",grant_type=\"client_credentials\"} ([0-9.]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
