package com.techcorp.auth.revocation;

import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientAuthenticator;
import com.techcorp.auth.grant.refresh.RefreshTokenStore;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.auth.support.FormParameters;
import com.techcorp.auth.support.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.time.Instant;
import java.util.Map;

/**
 * RFC 7009 token revocation. The client authenticates; a refresh token is revoked with its whole
 * family, an access token by its jti until it expires. Unknown tokens and other clients' tokens
 * answer 200 like the rest (§2.2), so the endpoint tells nobody which tokens exist. The
 * {@code token_type_hint} is not needed: the two kinds cannot be mistaken for each other.
 */
@Path("/oauth/revoke")
public class RevocationResource {

    private final ClientAuthenticator authenticator;
    private final RefreshTokenStore refreshTokens;
    private final Revocations revocations;
    private final AccessTokenVerifier verifier;

    public RevocationResource(ClientAuthenticator authenticator, RefreshTokenStore refreshTokens,
                              Revocations revocations, AccessTokenVerifier verifier) {
        this.authenticator = authenticator;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.verifier = verifier;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServerRequest http) {
        Map<String, String> params = FormParameters.single(form);
        String token = FormParameters.required(params, "token");
        return authenticator.authenticate(authorization, params, ClientAddress.of(http))
                .flatMap(client -> AccessTokenVerifier.looksLikeJwt(token) ? revokeAccessToken(token, client)
                        : refreshTokens.revokeFamily(token, client.clientId()).call(revoked -> {
                            if (!revoked) {
                                return Uni.createFrom().voidItem();
                            }
                            AuditLog.revoked("refresh_token_family", client.clientId(), "-");
                            // RFC 7009 §2.1: the access tokens of the same grant go with it.
                            return revocations.grant(RefreshTokenStore.family(token).orElseThrow(),
                                    Instant.now().plus(client.accessTokenLifetime()));
                        }).replaceWithVoid())
                .map(ignored -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    private Uni<Void> revokeAccessToken(String token, Client client) {
        try {
            JwtClaims claims = verifier.verify(token);
            if (!client.clientId().equals(claims.getClaimValueAsString("client_id"))) {
                return Uni.createFrom().voidItem();
            }
            AuditLog.revoked("access_token", client.clientId(), claims.getJwtId());
            return revocations.token(claims.getJwtId(), Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Uni.createFrom().voidItem();
        }
    }
}
