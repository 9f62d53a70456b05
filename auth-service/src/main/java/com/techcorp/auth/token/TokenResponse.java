package com.techcorp.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 §5.1 successful token response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope) {

    public static TokenResponse bearer(IssuedToken token, String refreshToken) {
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), refreshToken, token.scope());
    }
}
