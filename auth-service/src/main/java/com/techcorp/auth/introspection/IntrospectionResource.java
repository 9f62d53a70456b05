package com.techcorp.auth.introspection;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientAuthenticator;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.refresh.RefreshTokenData;
import com.techcorp.auth.grant.refresh.RefreshTokenStore;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.auth.support.FormParameters;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.support.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 7662 token introspection, for confidential clients. An active token answers its claims; an
 * expired, revoked, malformed or foreign one only {@code {"active":false}} (§2.2), whatever the
 * reason. A caller sees only what concerns it (§4: "the authorization server MUST determine whether
 * the token is meant for the protected resource"): an access token issued to it, or one whose
 * audience it is (a resource server is registered as a client whose client_id is its audience
 * name, e.g. {@code data-service}); a refresh token only when it was issued to it.
 */
@Path("/oauth/introspect")
public class IntrospectionResource {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final ClientAuthenticator authenticator;
    private final AccessTokenVerifier verifier;
    private final Revocations revoked;
    private final ClientRegistry clients;
    private final RefreshTokenStore refreshTokens;
    private final String issuer;

    public IntrospectionResource(ClientAuthenticator authenticator, AccessTokenVerifier verifier, Revocations revoked, ClientRegistry clients,
                                 RefreshTokenStore refreshTokens, AuthConfig config) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.revoked = revoked;
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.issuer = config.issuer();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> introspect(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServerRequest http) {
        Map<String, String> params = FormParameters.single(form);
        String token = FormParameters.required(params, "token");
        return authenticator.authenticate(authorization, params, ClientAddress.of(http))
                .invoke(client -> {
                    if (!client.confidential()) {
                        throw OAuthError.INVALID_CLIENT.exception("client authentication failed");
                    }
                })
                .flatMap(client -> AccessTokenVerifier.looksLikeJwt(token) ? accessToken(token, client) : refreshToken(token, client))
                .map(body -> Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build());
    }

    private Uni<Map<String, Object>> accessToken(String token, Client caller) {
        JwtClaims claims;
        try {
            claims = verifier.verify(token);
        } catch (InvalidJwtException e) {
            return Uni.createFrom().item(INACTIVE);
        }
        try {
            if (!caller.clientId().equals(claims.getClaimValueAsString("client_id")) && !claims.getAudience().contains(caller.clientId())) {
                return Uni.createFrom().item(INACTIVE);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", true);
            body.put("scope", claims.getClaimValueAsString("scope"));
            body.put("client_id", claims.getClaimValueAsString("client_id"));
            body.put("sub", claims.getSubject());
            if (claims.hasClaim("preferred_username")) {
                body.put("username", claims.getClaimValueAsString("preferred_username"));
            }
            body.put("exp", claims.getExpirationTime().getValue());
            body.put("iat", claims.getIssuedAt().getValue());
            body.put("iss", claims.getIssuer());
            body.put("aud", claims.getAudience());
            body.put("jti", claims.getJwtId());
            body.put("token_type", "Bearer");
            // Inactive for exactly what the resource servers refuse: the token, its grant or its
            // subject revoked, or its client's tokens cut off (disabled, secret rotated, on request).
            long issuedAt = claims.getIssuedAt().getValue();
            String clientId = claims.getClaimValueAsString("client_id");
            return revoked.isRevoked(claims).flatMap(isRevoked -> isRevoked ? Uni.createFrom().item(INACTIVE)
                    : clients.find(clientId).map(client -> client.isPresent() && client.get().enabled()
                            && issuedAt > client.get().tokensNotBefore().getEpochSecond() ? body : INACTIVE));
        } catch (MalformedClaimException e) {
            return Uni.createFrom().item(INACTIVE);
        }
    }

    private Uni<Map<String, Object>> refreshToken(String token, Client client) {
        return refreshTokens.find(token).map(found -> found
                .filter(data -> data.clientId().equals(client.clientId()))
                .map(this::describe)
                .orElse(INACTIVE));
    }

    private Map<String, Object> describe(RefreshTokenData data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", data.scope());
        body.put("client_id", data.clientId());
        body.put("sub", data.subject());
        if (data.username() != null) {
            body.put("username", data.username());
        }
        body.put("exp", data.absoluteExpiry().getEpochSecond());
        body.put("iss", issuer);
        body.put("token_type", "refresh_token");
        return body;
    }
}
