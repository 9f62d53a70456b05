package com.techcorp.oauth.tokenvalidation;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6750 §3 answers: the WWW-Authenticate challenge and a small JSON body. */
public final class BearerChallenges {

    static final String REALM = "Bearer realm=\"oauth\"";

    private BearerChallenges() {
    }

    /** No token at all: a bare challenge (§3.1: no error code when the request had no credentials). */
    public static Response missingToken() {
        return respond(401, REALM, "invalid_token", "an access token is required");
    }

    public static Response invalidToken() {
        return respond(401, REALM + ", error=\"invalid_token\", error_description=\"the access token is invalid or expired\"",
                "invalid_token", "the access token is invalid or expired");
    }

    public static Response insufficientScope(String scope) {
        return respond(403, REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"",
                "insufficient_scope", "the access token lacks scope " + scope);
    }

    private static Response respond(int status, String challenge, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(status)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
