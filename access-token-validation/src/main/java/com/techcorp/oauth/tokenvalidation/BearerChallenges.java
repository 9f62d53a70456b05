package com.techcorp.oauth.tokenvalidation;

import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.jsonerrors.Bearer;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** RFC 6750 §3 answers of a resource server: the WWW-Authenticate challenge and the API's JSON error. */
public final class BearerChallenges {

    private static final String INVALID = "the access token is invalid or expired";

    private BearerChallenges() {
    }

    /** No token at all: a bare challenge (§3.1: no error code when the request had no credentials). */
    public static Response missingToken() {
        return respond(401, Bearer.challenge(null, null, null), "invalid_token", "an access token is required");
    }

    public static Response invalidToken() {
        return respond(401, Bearer.challenge("invalid_token", INVALID, null), "invalid_token", INVALID);
    }

    public static Response insufficientScope(String scope) {
        return respond(403, Bearer.challenge("insufficient_scope", null, scope), "insufficient_scope", "the access token lacks scope " + scope);
    }

    private static Response respond(int status, String challenge, String error, String description) {
        return Response.fromResponse(ApiError.response(status, error, description)).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
