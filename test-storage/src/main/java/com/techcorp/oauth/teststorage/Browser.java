package com.techcorp.oauth.teststorage;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * A user's browser at the authorization endpoint, over real HTTP: it keeps the auth-service's
 * cookie, reads the hidden fields of the page it was shown, posts the forms, and never follows a
 * redirect by itself so the test can look at where it would go. Shared by the auth-service's tests
 * (against the Quarkus test's base URI) and the e2e tests (against a service process).
 */
public final class Browser {

    public static final String VERIFIER = "dBjftJeZ4CVP-mJ92K1C-verifier-of-forty-three-or-more_chars.~";

    private final Map<String, String> cookies = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final String baseUri;
    private Response last;

    /** A browser at RestAssured's default base URI (a Quarkus test's). */
    public Browser() {
        this(null);
    }

    /** A browser at the auth-service at {@code baseUri}, e.g. http://127.0.0.1:8080. */
    public Browser(String baseUri) {
        this.baseUri = baseUri;
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookies(cookies);
        return baseUri == null ? spec : spec.baseUri(baseUri);
    }

    /** GET /oauth/authorize with these query parameters. */
    public Response authorize(Map<String, String> query) {
        last = request().queryParams(query).get("/oauth/authorize");
        keepCookies();
        return last;
    }

    /** Posts the login form of the page last shown. */
    public Response signIn(String username, String password) {
        return post("/oauth/authorize/login", Map.of("username", username, "password", password));
    }

    /** Posts the consent form of the page last shown. */
    public Response decide(String decision) {
        return post("/oauth/authorize/consent", Map.of("decision", decision));
    }

    /** Posts to a form of the last page with its hidden fields, plus these; a field mapped to null is left out. */
    public Response post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", hidden("request"));
        form.put("csrf_token", hidden("csrf_token"));
        form.putAll(fields);
        form.values().removeIf(v -> v == null);
        last = request().headers(headers).contentType("application/x-www-form-urlencoded")
                .formParams(form).post(path);
        keepCookies();
        return last;
    }

    /** As a browser does: a cookie set again replaces the old one; one set empty (Max-Age=0) is deleted. */
    private void keepCookies() {
        cookies.putAll(last.getCookies());
        cookies.values().removeIf(String::isEmpty);
    }

    /** A GET of any page of the auth-service, with the browser's cookies (the logout endpoint). */
    public Response get(String path, Map<String, String> query) {
        last = request().queryParams(query).get(path);
        keepCookies();
        return last;
    }

    /** The browser's cookie of this name, or null (a cookie the server cleared is gone). */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** A header the browser sends with its form posts from now on. */
    public Browser withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Browser forgetCookies() {
        cookies.clear();
        return this;
    }

    public String hidden(String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(last.asString());
        return m.find() ? m.group(1) : null;
    }

    /** The parameters of a redirect's query or fragment. */
    public static Map<String, String> redirectParams(Response redirect, boolean fragment) {
        URI location = URI.create(redirect.getHeader("Location"));
        String raw = fragment ? location.getRawFragment() : location.getRawQuery();
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The standard query of a code request with S256 PKCE over {@link #VERIFIER}. */
    public static Map<String, String> codeRequest(String clientId, String redirectUri, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("code_challenge", s256(VERIFIER));
        query.put("code_challenge_method", "S256");
        return query;
    }

    /** The S256 code challenge of a verifier (RFC 7636 §4.2). */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
