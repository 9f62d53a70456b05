package com.techcorp.auth.token;

import jakarta.ws.rs.core.MultivaluedMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a token request, each present at most once (RFC 6749 §3.2: "Request and
 * response parameters MUST NOT be included more than once"; §3.1: a parameter sent without a
 * value is treated as omitted).
 */
public record TokenRequest(String grantType, Map<String, String> params) {

    public static TokenRequest parse(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        if (form != null) {
            for (Map.Entry<String, List<String>> entry : form.entrySet()) {
                List<String> values = entry.getValue();
                if (values.size() > 1) {
                    throw OAuthError.INVALID_REQUEST.exception("parameter " + printable(entry.getKey()) + " is repeated");
                }
                if (!values.isEmpty() && values.get(0) != null && !values.get(0).isEmpty()) {
                    params.put(entry.getKey(), values.get(0));
                }
            }
        }
        String grantType = params.get("grant_type");
        if (grantType == null) {
            throw OAuthError.INVALID_REQUEST.exception("grant_type is missing");
        }
        return new TokenRequest(grantType, Map.copyOf(params));
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The name of a parameter, safe to echo: short and plain, or not echoed at all. */
    static String printable(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unnamed)";
    }
}
