package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.token.AccessTokenClaims;
import com.techcorp.auth.token.AccessTokenMinter;
import com.techcorp.auth.token.IssuedToken;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.TokenResponse;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.scope.ScopePolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * The tokens a user's grant answers with: an access token and, when the client is registered for
 * the refresh_token grant, the first refresh token of a new family. Shared by every grant that ends
 * with a user (password, authorization code).
 */
@ApplicationScoped
public class UserTokenIssuer {

    private final AccessTokenMinter minter;
    private final RefreshTokenStore refreshTokens;
    private final ScopePolicy scopes;

    public UserTokenIssuer(AccessTokenMinter minter, RefreshTokenStore refreshTokens, ScopePolicy scopes) {
        this.minter = minter;
        this.refreshTokens = refreshTokens;
        this.scopes = scopes;
    }

    /** An access token and, when the client may refresh, a refresh token (null otherwise). */
    public record UserTokens(IssuedToken access, String refreshToken, String grantId) {
        public TokenResponse response() {
            return TokenResponse.bearer(access, refreshToken);
        }
    }

    public Uni<TokenResponse> issue(Client client, String subject, String username, List<String> groups, Set<String> scope) {
        return issueTokens(client, subject, username, groups, scope).map(UserTokens::response);
    }

    /** A new grant: its id is the refresh-token family's, also when the client gets no refresh token. */
    public Uni<UserTokens> issueTokens(Client client, String subject, String username, List<String> groups, Set<String> scope) {
        String grant = RefreshTokenStore.newFamily();
        IssuedToken access = mint(client, grant, subject, username, groups, scope);
        if (!client.allowsGrant(GrantTypes.REFRESH_TOKEN)) {
            return Uni.createFrom().item(new UserTokens(access, null, grant));
        }
        return refreshTokens.issue(grant, client.clientId(), subject, username, groups, access.scope(), client.refreshTokenLifetime())
                .map(refresh -> new UserTokens(access, refresh, grant));
    }

    /**
     * An access token of the grant {@code grantId} (its {@code sid}), with the scopes of {@code scope}
     * that the user's groups entitle them to; invalid_scope if none.
     */
    public IssuedToken mint(Client client, String grantId, String subject, String username, List<String> groups, Set<String> scope) {
        Set<String> entitled = scopes.forUser(scope, groups);
        if (entitled.isEmpty()) {
            throw OAuthError.INVALID_SCOPE.exception("the user may not be granted any of the requested scopes");
        }
        return minter.mint(new AccessTokenClaims(subject, client.clientId(), entitled,
                client.accessTokenLifetime(), username, groups, grantId, client.tokensNotBefore()));
    }
}
