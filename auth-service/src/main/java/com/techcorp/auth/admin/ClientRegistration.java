package com.techcorp.auth.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Set;

/**
 * A client registration as the admin API takes it (names after RFC 7591 §2). Omitted fields take
 * defaults on create and keep their value on update.
 */
public record ClientRegistration(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String name,
        @JsonProperty("confidential") Boolean confidential,
        @JsonProperty("grant_types") Set<String> grantTypes,
        @JsonProperty("scope") String scope,
        @JsonProperty("default_scope") String defaultScope,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @JsonProperty("access_token_lifetime") Integer accessTokenLifetime,
        @JsonProperty("refresh_token_lifetime") Integer refreshTokenLifetime,
        @JsonProperty("first_party") Boolean firstParty,
        @JsonProperty("allow_plain_pkce") Boolean allowPlainPkce) {
}
