package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.TokenRequest;
import com.techcorp.auth.grant.TokenResponse;
import com.techcorp.auth.securityevents.Revocations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * RFC 6749 §6. The token is bound to the client it was issued to; the scope may be narrowed, never
 * widened; every use rotates it, and a rotated token presented again revokes its family
 * (RFC 9700 §4.14.2). Unknown, spent, revoked and foreign tokens are all the same invalid_grant.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    private static final OAuthException INVALID =
            OAuthError.INVALID_GRANT.exception("the refresh token is invalid, expired or revoked");

    private final RefreshTokenStore store;
    private final ScopePolicy scopes;
    private final UserTokenIssuer tokens;
    private final IdentityClient identity;
    private final Revocations revocations;

    public RefreshTokenGrant(RefreshTokenStore store, ScopePolicy scopes, UserTokenIssuer tokens, IdentityClient identity,
                             Revocations revocations) {
        this.store = store;
        this.scopes = scopes;
        this.tokens = tokens;
        this.identity = identity;
        this.revocations = revocations;
    }

    @Override
    public String grantType() {
        return GrantTypes.REFRESH_TOKEN;
    }

    @Override
    public Uni<TokenResponse> handle(TokenRequest request, Client client) {
        String token = request.param("refresh_token");
        if (token == null) {
            throw OAuthError.INVALID_REQUEST.exception("refresh_token is required");
        }
        String requested = request.param("scope");
        // A requested scope is checked before the rotation, so a refused narrowing does not spend the
        // token; without one there is nothing to check, and the rotation is the only round trip.
        Uni<Void> checked = requested == null ? Uni.createFrom().voidItem() : store.find(token)
                .invoke(found -> found.filter(d -> d.clientId().equals(client.clientId()))
                        .ifPresent(d -> narrowed(requested, d)))
                .replaceWithVoid();
        return checked
                .flatMap(ignored -> store.rotate(token, client.clientId()))
                .flatMap(rotation -> switch (rotation.outcome()) {
                    case ROTATED -> userStillActive(rotation, client)
                            .map(ok -> answer(client, rotation.data(), narrowed(requested, rotation.data()), rotation.newToken()));
                    case REUSED -> {
                        AuditLog.refreshTokenReuse(client.clientId());
                        // The family is gone; its access tokens go too, at every resource server.
                        yield revocations.grant(RefreshTokenStore.family(token).orElseThrow(),
                                Instant.now().plus(client.accessTokenLifetime()))
                                .chain(() -> Uni.createFrom().<TokenResponse>failure(INVALID));
                    }
                    default -> throw INVALID;
                });
    }

    /** A user disabled at the identity-service loses the whole family at the next refresh. */
    private Uni<Boolean> userStillActive(RefreshTokenStore.Rotation rotation, Client client) {
        if (rotation.data().username() == null) {
            return Uni.createFrom().item(true);
        }
        return identity.isActive(rotation.data().subject()).flatMap(active -> active
                ? Uni.createFrom().item(true)
                : store.revokeFamily(rotation.newToken(), client.clientId())
                        // Every token of the user, of any client: they are disabled.
                        .call(revoked -> revocations.subject(rotation.data().subject(), Instant.now().plusSeconds(1)))
                        .map(revoked -> {
                            AuditLog.revoked("refresh_token_family", client.clientId(), "user_disabled");
                            throw INVALID;
                        }));
    }

    private Set<String> narrowed(String requested, RefreshTokenData data) {
        Set<String> original = ScopePolicy.parse(data.scope());
        return scopes.grant(requested, original, original);
    }

    private TokenResponse answer(Client client, RefreshTokenData data, Set<String> scope, String newRefreshToken) {
        var access = tokens.mint(client, data.family(), data.subject(), data.username(), data.groups(), scope);
        return TokenResponse.bearer(access, newRefreshToken);
    }
}
