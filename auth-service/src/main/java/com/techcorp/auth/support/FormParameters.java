package com.techcorp.auth.support;

import com.techcorp.auth.error.OAuthError;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The form parameters of a token, revocation or introspection request, each present at most once
 * (RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once"; §3.1: a
 * parameter sent without a value is treated as omitted).
 */
public final class FormParameters {

    private static final int MAX_PARAMETERS = 30;

    private FormParameters() {
    }

    public static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        if (form == null) {
            return Map.of();
        }
        if (form.size() > MAX_PARAMETERS) {
            throw OAuthError.INVALID_REQUEST.exception("too many parameters");
        }
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            List<String> values = entry.getValue();
            if (values.size() > 1) {
                throw OAuthError.INVALID_REQUEST.exception("parameter " + printable(entry.getKey()) + " is repeated");
            }
            if (!values.isEmpty() && values.get(0) != null && !values.get(0).isEmpty()) {
                params.put(entry.getKey(), values.get(0));
            }
        }
        return Map.copyOf(params);
    }

    /** The value of a parameter the request must carry: invalid_request (RFC 6749 §5.2) when it is missing. */
    public static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw OAuthError.INVALID_REQUEST.exception(name + " is required");
        }
        return value;
    }

    /** The name of a parameter, safe to echo: short and plain, or not echoed at all. */
    static String printable(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unnamed)";
    }
}
