package com.techcorp.auth.grant.clientcredentials;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.token.AccessTokenClaims;
import com.techcorp.auth.token.AccessTokenMinter;
import com.techcorp.auth.grant.TokenRequest;
import com.techcorp.auth.grant.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** RFC 6749 §4.4: a confidential client gets a token for itself; no refresh token (§4.4.3). */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    private final ScopePolicy scopes;
    private final AccessTokenMinter minter;

    public ClientCredentialsGrant(ScopePolicy scopes, AccessTokenMinter minter) {
        this.scopes = scopes;
        this.minter = minter;
    }

    @Override
    public String grantType() {
        return GrantTypes.CLIENT_CREDENTIALS;
    }

    @Override
    public boolean allowsPublicClients() {
        return false;
    }

    @Override
    public Uni<TokenResponse> handle(TokenRequest request, Client client) {
        Set<String> granted = scopes.grant(request.param("scope"), client.allowedScopes(), client.defaultScopes());
        if (granted.contains(ScopePolicy.OPENID)) {
            // OpenID Connect is about a user who signed in; a client acting for itself has none.
            throw OAuthError.INVALID_SCOPE.exception("scope openid needs a user: not with client_credentials");
        }
        var claims = AccessTokenClaims.forClient(client.clientId(), granted, client.accessTokenLifetime(), client.tokensNotBefore());
        return Uni.createFrom().item(TokenResponse.bearer(minter.mint(claims), null));
    }
}
