package com.techcorp.auth.grant.password;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.grant.refresh.UserTokenIssuer;
import com.techcorp.auth.identity.CredentialCheck;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.TokenRequest;
import com.techcorp.auth.grant.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * RFC 6749 §4.3, for first-party clients registered for it. The client is authenticated before this
 * runs; the password is checked by the identity-service, never here. Every credential failure is
 * the same invalid_grant.
 */
@ApplicationScoped
public class PasswordGrant implements GrantHandler {

    private static final OAuthException BAD_CREDENTIALS =
            OAuthError.INVALID_GRANT.exception("the username or password is incorrect");

    private final ScopePolicy scopes;
    private final CredentialCheck credentials;
    private final UserTokenIssuer tokens;

    public PasswordGrant(ScopePolicy scopes, CredentialCheck credentials, UserTokenIssuer tokens) {
        this.scopes = scopes;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return GrantTypes.PASSWORD;
    }

    @Override
    public Uni<TokenResponse> handle(TokenRequest request, Client client) {
        String username = request.param("username");
        String password = request.param("password");
        if (username == null || password == null) {
            throw OAuthError.INVALID_REQUEST.exception("username and password are required");
        }
        Set<String> granted = scopes.grant(request.param("scope"), client.allowedScopes(), client.defaultScopes());
        return credentials.check(username, password, request.clientAddress()).flatMap(user -> {
            if (user.isEmpty()) {
                throw BAD_CREDENTIALS;
            }
            return tokens.issue(client, user.get().subject(), user.get().username(), user.get().groups(), granted);
        });
    }
}
