package com.techcorp.auth.grant;

import com.techcorp.auth.token.IssuedToken;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6749 §5.1 successful token response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("id_token") String idToken) {

    public static TokenResponse bearer(IssuedToken token, String refreshToken) {
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), refreshToken, token.scope(), null);
    }

    /** The same answer with OpenID Connect's ID token (Core §3.1.3.3). */
    public TokenResponse withIdToken(String idToken) {
        return new TokenResponse(accessToken, tokenType, expiresIn, refreshToken, scope, idToken);
    }

    /** The same answer as parameters of a redirect (RFC 6749 §4.2.2, the implicit grant's fragment). */
    public Map<String, String> asParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("access_token", accessToken);
        params.put("token_type", tokenType);
        params.put("expires_in", Long.toString(expiresIn));
        if (refreshToken != null) {
            params.put("refresh_token", refreshToken);
        }
        params.put("scope", scope);
        return params;
    }
}
