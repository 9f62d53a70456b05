package com.techcorp.auth.grant.password;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.grant.UserTokenIssuer;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.auth.token.OAuthError;
import com.techcorp.auth.token.OAuthException;
import com.techcorp.auth.token.TokenRequest;
import com.techcorp.auth.token.TokenResponse;
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
    private final IdentityClient identity;
    private final AttemptLimiter limiter;
    private final UserTokenIssuer tokens;

    public PasswordGrant(ScopePolicy scopes, IdentityClient identity, AttemptLimiter limiter, UserTokenIssuer tokens) {
        this.scopes = scopes;
        this.identity = identity;
        this.limiter = limiter;
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return "password";
    }

    @Override
    public Uni<TokenResponse> handle(TokenRequest request, Client client) {
        String username = request.param("username");
        String password = request.param("password");
        if (username == null || password == null) {
            throw OAuthError.INVALID_REQUEST.exception("username and password are required");
        }
        if (username.length() > IdentityClient.MAX_USERNAME) {
            throw BAD_CREDENTIALS;
        }
        Set<String> granted = scopes.grant(request.param("scope"), client.allowedScopes(), client.defaultScopes());
        return limiter.passwordAttempt(client.clientId())
                .call(() -> limiter.checkUsername(username))
                .flatMap(ignored -> identity.verify(username, password))
                .flatMap(user -> user.isEmpty()
                        ? limiter.recordFailure(username).map(ignored -> {
                            throw BAD_CREDENTIALS;
                        })
                        : tokens.issue(client, user.get().subject(), user.get().username(), user.get().groups(), granted));
    }
}
