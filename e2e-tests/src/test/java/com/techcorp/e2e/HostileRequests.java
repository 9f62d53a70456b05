package com.techcorp.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The hostile corpus of {@link HostileInputTest}, built from the RFCs the endpoints speak (RFC 9110
 * and 9112 framing, RFC 6749 forms and Basic credentials, RFC 6750 bearer headers, RFC 8259 JSON)
 * and from what broke before (each marked with the finding it comes from). Every request carries
 * an X-Forwarded-For of its own, so the corpus's failed logins count against that address and not
 * against the tests that follow.
 */
final class HostileRequests {

    /** Tokens and credentials that get a request past authentication, so its body is read at all. */
    record Credentials(String everyScope, String user, String basic) {
    }

    /** @param waitMillis how long to wait for an answer: short for a body that never completes */
    record Request(String description, byte[] bytes, int waitMillis) {
    }

    private static final String FROM = "X-Forwarded-For: 192.0.2.200\r\n";
    private static final String DEEP_JSON = "[".repeat(5000) + "]".repeat(5000);

    private final Credentials credentials;

    HostileRequests(Credentials credentials) {
        this.credentials = credentials;
    }

    List<Request> requestsFor(HostileInputTest.Endpoint endpoint) {
        List<Request> out = new ArrayList<>();
        String method = endpoint.method();
        String path = fill(endpoint.path(), "x");
        String auth = "Authorization: " + authorization(endpoint) + "\r\n";

        for (String odd : List.of("PATCH", "TRACE", "FOO", "get", "DELETE", "OPTIONS", "HEAD", "CONNECT")) {
            if (!odd.equals(method)) {
                out.add(request("method " + odd + " " + path, odd + " " + path + " HTTP/1.1\r\n" + FROM + auth, ""));
            }
        }
        if (endpoint.path().contains("{")) {
            for (String value : List.of("%00", "%zz", "..%2F..%2Fetc%2Fpasswd", "A".repeat(3000), "%C3%28", "%E2%82%AC", "%2e%2e", "%FF")) {
                String hostile = fill(endpoint.path(), value);
                out.add(request("path " + shorten(hostile), method + " " + hostile + " HTTP/1.1\r\n" + FROM + auth + emptyBody(method)));
            }
        }
        for (String query : List.of("page=-1&size=0", "page=99999999999&size=99999999999", "size=abc", "from=2024-13&to=x",
                "page=1&page=2", "%zz", "a=%00", "client_id=%zz&state=%", "=", "x=" + "q".repeat(4000), "from=%C3%28")) {
            out.add(request(method + " ?" + shorten(query), method + " " + path + "?" + query + " HTTP/1.1\r\n" + FROM + auth + emptyBody(method)));
        }
        for (String authorization : List.of("Basic !!!", "Basic " + b64("no-colon"), "Basic " + b64(":"), "Basic " + b64("a%zz:b%"),
                "Basic " + b64("\u0000:\u0000"), "Basic", "Basic " + b64("report_service_id:" + "s".repeat(5000)),
                "Bearer", "Bearer    ", "Bearer a.b.c", "Bearer " + "A".repeat(6000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                "Bearer " + b64url("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"../../x\"}") + "." + b64url("{\"sub\":\"x\"}") + ".c2ln",
                "Bearer " + b64url("{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(500) + "\"}") + "." + b64url("[]") + ".",
                "Negotiate abc", "bearer " + credentials.everyScope() + " extra", "\u00ff\u00fe")) {
            out.add(request(method + " Authorization " + shorten(authorization),
                    method + " " + path + " HTTP/1.1\r\n" + FROM + "Authorization: " + authorization + "\r\n" + emptyBody(method)));
        }
        out.add(request("two Authorization headers", method + " " + path + " HTTP/1.1\r\n" + FROM + auth + auth + emptyBody(method)));
        for (String header : List.of("X-Forwarded-For: not-an-address", "X-Forwarded-For: 1.2.3.4, ::1, " + "9".repeat(500),
                "X-Forwarded-For: [::1]:99999", "X-Request-Id: " + "r".repeat(5000), "X-Request-Id: <script>",
                "Cookie: authz_binding=%zz; authz_binding=" + "c".repeat(200) + "; =;", "Origin: null", "Host: evil.example:99999",
                "Accept: */*;q=abc, text/html;;;", "Accept-Charset: utf-99", "Content-Encoding: gzip", "Expect: 100-continue",
                "X-Big: " + "b".repeat(30_000))) {
            out.add(request(method + " header " + shorten(header), method + " " + path + " HTTP/1.1\r\n" + header + "\r\n" + auth + emptyBody(method)));
        }
        for (String[] body : bodies()) {
            out.add(request(method + " " + body[0] + " " + shorten(body[1]), method + " " + path + " HTTP/1.1\r\n" + FROM + auth
                    + "Content-Type: " + body[0] + "\r\nContent-Length: " + body[1].getBytes(StandardCharsets.ISO_8859_1).length + "\r\n", body[1]));
        }
        out.add(request(method + " body without Content-Type", method + " " + path + " HTTP/1.1\r\n" + FROM + auth + "Content-Length: 9\r\n", "x=1&y=%zz"));
        out.add(request(method + " oversized body", method + " " + path + " HTTP/1.1\r\n" + FROM + auth
                + "Content-Type: application/json\r\nContent-Length: 300000\r\n", "[" + "1,".repeat(149_999) + "1]"));
        // Framing (RFC 9112 §6, §7): broken chunks, both lengths, lengths that are not numbers.
        for (String[] framing : List.of(
                new String[]{"chunk size not hex", "Transfer-Encoding: chunked\r\n", "zz\r\nabc\r\n0\r\n\r\n"},
                new String[]{"chunked and Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "3\r\nx=1\r\n0\r\n\r\n"},
                new String[]{"unknown transfer coding", "Transfer-Encoding: gzip, chunked\r\n", "3\r\nx=1\r\n0\r\n\r\n"},
                new String[]{"chunk extension and trailer", "Transfer-Encoding: chunked\r\n", "3;x=\"y\"\r\nx=1\r\n0\r\nX-Trailer: t\r\n\r\n"},
                new String[]{"negative Content-Length", "Content-Length: -1\r\n", ""},
                new String[]{"two Content-Lengths", "Content-Length: 3\r\nContent-Length: 4\r\n", "x=1"},
                new String[]{"Content-Length not a number", "Content-Length: abc\r\n", "x=1"})) {
            out.add(request(method + " " + framing[0], method + " " + path + " HTTP/1.1\r\n" + FROM + auth
                    + "Content-Type: application/x-www-form-urlencoded\r\n" + framing[1], framing[2]));
        }
        out.add(request("HTTP/1.0 without Host", method + " " + path + " HTTP/1.0\r\n" + FROM + auth + "\r\n", ""));
        out.add(request("absolute-form target", method + " http://evil.example" + path + " HTTP/1.1\r\n" + FROM + auth + emptyBody(method)));
        out.add(request("URI of 12 KB", "GET " + path + "/" + "u".repeat(12_000) + " HTTP/1.1\r\n" + FROM, ""));
        out.add(request("non-ASCII bytes in the request line", "GET " + path + "\u00ff\u00fe HTTP/1.1\r\n" + FROM, ""));
        return out;
    }

    /**
     * Bodies that never complete (a chunk or a Content-Length that promises more than comes): the
     * HTTP layer's alone, so sent once per service; nobody answering within two seconds is fine.
     */
    List<Request> unfinishedBodies(HostileInputTest.Endpoint endpoint) {
        String head = endpoint.method() + " " + fill(endpoint.path(), "x") + " HTTP/1.1\r\n" + FROM
                + "Authorization: " + authorization(endpoint) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        return List.of(
                new Request("chunk shorter than said", request("", head + "Transfer-Encoding: chunked\r\n", "10\r\nabc").bytes(), 2000),
                new Request("huge chunk", request("", head + "Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFF\r\nabc").bytes(), 2000),
                new Request("body shorter than Content-Length", request("", head + "Content-Length: 100\r\n", "x=1").bytes(), 2000));
    }

    /** Content type and body pairs: forms that do not decode, JSON that is not, text where none belongs. */
    private static List<String[]> bodies() {
        return List.of(
                new String[]{"application/x-www-form-urlencoded", "grant_type=%zz"},
                new String[]{"application/x-www-form-urlencoded", "="},
                new String[]{"application/x-www-form-urlencoded", "grant_type=password&username=%00&password=%"},
                new String[]{"application/x-www-form-urlencoded", "x=%C3%28&y=%FF"},
                new String[]{"application/x-www-form-urlencoded", "grant_type=client_credentials&grant_type=password"},
                new String[]{"application/x-www-form-urlencoded", "a=1&".repeat(150)},
                new String[]{"application/x-www-form-urlencoded; charset=utf-16", "grant_type=client_credentials"},
                new String[]{"application/x-www-form-urlencoded; charset=\"", "grant_type=client_credentials"},
                new String[]{"application/json", "{\"username\":\"a\\u0000b\",\"password\":\"\\ud800\",\"client_name\":\"\\u0000\"}"},
                new String[]{"application/json", "{\"username\":\"\u00ff\u00fe\",\"password\":\"x\"}"},
                new String[]{"application/json", "{"},
                new String[]{"application/json", "null"},
                new String[]{"application/json", "[]"},
                new String[]{"application/json", "\"just a string\""},
                new String[]{"application/json", DEEP_JSON},
                new String[]{"application/json", "{\"page\":1e99999999,\"access_token_lifetime\":1e400,\"n\":-0}"},
                new String[]{"application/json", "{\"client_id\":\"a\",\"client_id\":\"b\",\"username\":\"u\",\"username\":\"v\"}"},
                new String[]{"application/json", "{\"client_id\":123,\"grant_types\":\"x\",\"redirect_uris\":{},\"username\":[],\"password\":{}}"},
                new String[]{"application/json", "{\"grant_types\":[null,1,{}],\"scope\":\"\\u0000 data:read\",\"redirect_uris\":[\"javascript:alert(1)\"]}"},
                new String[]{"application/json; charset=foo", "{}"},
                new String[]{"application/json", "grant_type=client_credentials"},
                new String[]{"multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--zz"},
                new String[]{"multipart/form-data", "garbage"},
                new String[]{"text/plain", "\u0000\u0001\u0002\u00ff"},
                new String[]{"garbage", "x=1"},
                new String[]{";;;", "x=1"},
                new String[]{"application/xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"});
    }

    private String authorization(HostileInputTest.Endpoint endpoint) {
        if (endpoint.service().equals("auth-service") && endpoint.path().startsWith("/oauth")) {
            return credentials.basic();
        }
        return endpoint.service().equals("employee-portal-api") ? "Bearer " + credentials.user() : "Bearer " + credentials.everyScope();
    }

    private static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
    }

    /** The headers of an empty body, for a method that takes one. */
    private static String emptyBody(String method) {
        return List.of("POST", "PUT", "PATCH").contains(method) ? "Content-Type: application/json\r\nContent-Length: 0\r\n" : "";
    }

    private static Request request(String description, String head) {
        return request(description, head, "");
    }

    /** The head (request line and headers, each ending in CRLF) closed with Connection: close unless it ends itself. */
    private static Request request(String description, String head, String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!head.endsWith("\r\n\r\n")) {
            bytes.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        bytes.writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        return new Request(description, bytes.toByteArray(), 10_000);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
