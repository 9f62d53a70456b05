package com.techcorp.auth.metadata;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.keys.SigningAlgorithm;
import com.techcorp.auth.scope.ScopePolicy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8414 authorization server metadata, also served at the OpenID discovery path that many
 * client libraries look at first. Built once: everything in it is configuration.
 */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private final Map<String, Object> metadata;

    public MetadataResource(AuthConfig config, ScopePolicy scopes, @Any Instance<GrantHandler> grants) {
        String issuer = config.issuer().replaceAll("/+$", "");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer());
        m.put("authorization_endpoint", issuer + "/oauth/authorize");
        m.put("token_endpoint", issuer + "/oauth/token");
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("revocation_endpoint", issuer + "/oauth/revoke");
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint", issuer + "/oauth/introspect");
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("scopes_supported", scopes.known());
        // "token" (implicit) only for clients registered for it: legacy, off by default (RFC 9700 §2.1.2).
        m.put("response_types_supported", List.of("code", "token"));
        m.put("response_modes_supported", List.of("query", "fragment"));
        m.put("grant_types_supported", GrantTypes.supported(grants));
        // plain is accepted only from a client registered for it, so it is not advertised.
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        // OpenID Connect Discovery 1.0 §3: ID tokens on the code flow, signed as the access tokens are.
        m.put("userinfo_endpoint", issuer + "/oauth/userinfo");
        m.put("end_session_endpoint", issuer + "/oauth/logout");
        m.put("subject_types_supported", List.of("public"));
        // Discovery §3: request_uri counts as supported when left out.
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        // Both: the configured algorithm signs new keys, a key of the other may still sign until rotated (RS256 is required).
        m.put("id_token_signing_alg_values_supported", Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
        m.put("claims_supported", List.of("iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "nonce", "at_hash", "amr", "sid",
                "preferred_username", "name"));
        this.metadata = Map.copyOf(m);
    }

    @GET
    @Path("oauth-authorization-server")
    public Response oauthMetadata() {
        return Response.ok(metadata).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").build();
    }

    @GET
    @Path("openid-configuration")
    public Response openidConfiguration() {
        return oauthMetadata();
    }
}
