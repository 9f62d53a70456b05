package com.techcorp.auth.authorize;

import com.techcorp.auth.error.OAuthError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The way back to the client: its registered redirect URI with the response parameters in the
 * query (code, RFC 6749 §4.1.2) or the fragment (implicit, §4.2.2), always with {@code state} as
 * sent and {@code iss} (RFC 9207), so a client talking to several servers can tell who answered.
 */
public record AuthorizationRedirect(String redirectUri, String state, boolean fragment, String issuer) {

    public Response success(Map<String, String> params) {
        return to(params);
    }

    /** §4.1.2.1, §4.2.2.1: an error after the redirect URI has been validated goes back to the client. */
    public Response error(OAuthError error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.code());
        params.put("error_description", description);
        return to(params);
    }

    private Response to(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        StringBuilder url = new StringBuilder(redirectUri);
        url.append(fragment ? '#' : redirectUri.contains("?") ? '&' : '?');
        all.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        // 303: the browser follows with a GET whether it arrived with a GET or a form POST.
        return Response.seeOther(URI.create(url.toString()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
