package com.techcorp.auth.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.auth.client.ClientEntity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A client as the admin API shows it. The secret appears only in the answer that created or
 * rotated it: it is stored hashed and cannot be shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String name,
        @JsonProperty("confidential") boolean confidential,
        @JsonProperty("grant_types") Set<String> grantTypes,
        @JsonProperty("scope") String scope,
        @JsonProperty("default_scope") String defaultScope,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @JsonProperty("access_token_lifetime") int accessTokenLifetime,
        @JsonProperty("refresh_token_lifetime") int refreshTokenLifetime,
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("first_party") boolean firstParty,
        @JsonProperty("allow_plain_pkce") boolean allowPlainPkce,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("client_secret") String clientSecret) {

    static ClientView of(ClientEntity e, String newSecret) {
        var c = e.toClient();
        return new ClientView(c.clientId(), c.name(), c.confidential(), c.grantTypes(), String.join(" ", c.allowedScopes()),
                String.join(" ", c.defaultScopes()), c.redirectUris(), c.postLogoutRedirectUris(), e.accessTokenLifetimeSeconds,
                e.refreshTokenLifetimeSeconds, c.enabled(), c.firstParty(), c.plainPkceAllowed(), warnings(c), e.createdAt,
                e.updatedAt, newSecret);
    }

    /** Registrations that work but that RFC 9700 advises against, said where an operator looks. */
    private static List<String> warnings(com.techcorp.auth.client.Client c) {
        List<String> warnings = new java.util.ArrayList<>();
        if (c.allowsGrant(com.techcorp.auth.grant.GrantTypes.IMPLICIT)) {
            warnings.add("implicit is a legacy grant (RFC 9700 §2.1.2): tokens travel in the URL; use authorization_code with PKCE");
        }
        if (c.plainPkceAllowed()) {
            warnings.add("PKCE plain is allowed: the code_challenge is the verifier itself (RFC 9700 §2.1.1 recommends S256)");
        }
        return warnings.isEmpty() ? null : List.copyOf(warnings);
    }
}
