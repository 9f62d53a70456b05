package com.techcorp.auth.bearer;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthErrorMapper;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.token.AccessTokenVerifier;
import com.techcorp.oauth.jsonerrors.Bearer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.Arrays;
import java.util.Set;

/**
 * The auth-service as a resource server of its own tokens (the admin API, userinfo): the token
 * verifies (signature, RFC 9068 type, issuer, expiry), names this service's audience for the scope
 * asked for, holds one of the scopes, is not revoked, and its client could still obtain it (enabled,
 * still allowed the scope, nothing cut its tokens off since: secret rotated, disabled). Every
 * refusal is its RFC 6750 challenge.
 */
@ApplicationScoped
public class OwnAccessTokens {

    private static final String INVALID = "the access token is invalid, expired or revoked";

    /** The token's claims and the scope it was accepted for, or the challenge that refuses it. */
    public record Checked(JwtClaims claims, String scope, Response refusal) {
        static Checked refused(Response refusal) {
            return new Checked(null, null, refusal);
        }
    }

    private final AccessTokenVerifier verifier;
    private final ScopePolicy scopes;
    private final Revocations revoked;
    private final ClientRegistry clients;

    public OwnAccessTokens(AccessTokenVerifier verifier, ScopePolicy scopes, Revocations revoked, ClientRegistry clients) {
        this.verifier = verifier;
        this.scopes = scopes;
        this.revoked = revoked;
        this.clients = clients;
    }

    /** @param anyOf the scopes that each admit the caller */
    public Uni<Checked> check(String authorization, String... anyOf) {
        String token = Bearer.token(authorization);
        if (token == null) {
            // RFC 6750 §3.1: no credentials, no error code.
            return refuse(OAuthError.INVALID_TOKEN, false, "an access token is required", anyOf);
        }
        JwtClaims claims;
        long issuedAt;
        try {
            claims = verifier.verify(token);
            // A token for another resource server is invalid here (401) before its scope is looked at.
            if (!claims.getAudience().containsAll(scopes.audiences(Set.of(anyOf)))) {
                return invalid(anyOf);
            }
            issuedAt = claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return invalid(anyOf);
        }
        Set<String> held = claims.getClaimValue("scope") instanceof String s ? ScopePolicy.parse(s) : Set.of();
        String granted = Arrays.stream(anyOf).filter(held::contains).findFirst().orElse(null);
        if (granted == null) {
            return refuse(OAuthError.INSUFFICIENT_SCOPE, true, "the access token lacks scope " + String.join(" or ", anyOf), anyOf);
        }
        String clientId = claims.getClaimValue("client_id") instanceof String id ? id : "";
        JwtClaims verified = claims;
        return clients.find(clientId)
                .flatMap(client -> client.filter(c -> stillAllowed(c, granted, issuedAt)).isEmpty()
                        ? invalid(anyOf)
                        : revoked.isRevoked(verified).map(isRevoked -> isRevoked
                        ? Checked.refused(challenge(OAuthError.INVALID_TOKEN, true, INVALID, anyOf))
                        : new Checked(verified, granted, null)));
    }

    /**
     * Whether the client could obtain this token now, and nothing has happened to it since it was
     * issued (secret rotated, disabled, a scope taken). Seconds, as iat is: a token of the change's
     * own second is cut off too; one issued after it names the next second (AccessTokenMinter).
     */
    private static boolean stillAllowed(Client client, String scope, long issuedAt) {
        return client.enabled() && client.allowedScopes().contains(scope)
                && issuedAt > client.tokensNotBefore().getEpochSecond();
    }

    private static Uni<Checked> invalid(String[] anyOf) {
        return refuse(OAuthError.INVALID_TOKEN, true, INVALID, anyOf);
    }

    private static Uni<Checked> refuse(OAuthError error, boolean tokenSent, String description, String[] anyOf) {
        return Uni.createFrom().item(Checked.refused(challenge(error, tokenSent, description, anyOf)));
    }

    private static Response challenge(OAuthError error, boolean tokenSent, String description, String[] anyOf) {
        return OAuthErrorMapper.bearer(error, tokenSent, description, error == OAuthError.INSUFFICIENT_SCOPE ? anyOf[0] : null);
    }
}
