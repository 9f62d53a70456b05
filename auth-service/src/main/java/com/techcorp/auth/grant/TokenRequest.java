package com.techcorp.auth.grant;

import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.support.FormParameters;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Map;

/**
 * The parameters of a token request (see {@link FormParameters} for the rules they passed).
 *
 * @param clientAddress where the request comes from, for the attempt limits
 */
public record TokenRequest(String grantType, Map<String, String> params, String clientAddress) {

    public static TokenRequest parse(MultivaluedMap<String, String> form, String clientAddress) {
        Map<String, String> params = FormParameters.single(form);
        String grantType = params.get("grant_type");
        if (grantType == null) {
            throw OAuthError.INVALID_REQUEST.exception("grant_type is missing");
        }
        return new TokenRequest(grantType, params, clientAddress);
    }

    public String param(String name) {
        return params.get(name);
    }
}
