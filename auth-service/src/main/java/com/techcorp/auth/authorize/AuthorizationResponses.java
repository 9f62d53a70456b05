package com.techcorp.auth.authorize;

import com.techcorp.auth.authorize.PendingAuthorizations.SignedInUser;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.TokenResponse;
import com.techcorp.auth.grant.authorizationcode.AuthorizationCodes;
import com.techcorp.auth.grant.refresh.RefreshTokenStore;
import com.techcorp.auth.grant.refresh.UserTokenIssuer;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.session.SignOnSessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Set;

/**
 * The answer to the client once the user has signed in (and consented): the pending request is
 * taken out, so of two concurrent completions one wins, the client's registration as it is now
 * is checked again, and the client gets a code (§4.1.2) or, for the implicit grant, an access
 * token in the fragment (§4.2.2), never a refresh token.
 */
@ApplicationScoped
class AuthorizationResponses {

    private final PendingAuthorizations pending;
    private final AuthorizationCodes codes;
    private final UserTokenIssuer tokens;
    private final SignOnSessions sessions;
    private final ScopePolicy scopes;
    private final String issuer;

    AuthorizationResponses(PendingAuthorizations pending, AuthorizationCodes codes, UserTokenIssuer tokens, SignOnSessions sessions,
                           ScopePolicy scopes, AuthConfig config) {
        this.scopes = scopes;
        this.pending = pending;
        this.codes = codes;
        this.tokens = tokens;
        this.sessions = sessions;
        this.issuer = config.issuer();
    }

    Uni<Response> complete(String pendingId, Client client, SignedInUser user) {
        return pending.consume(pendingId).flatMap(taken -> taken.isEmpty()
                ? done(Pages.problem(400, "Sign-in expired", "This sign-in request was already completed. Return to the application."))
                : answer(taken.get().request(), client, user));
    }

    /** The answer to a request that needs nothing more of the user (a sign-on session, consent given). */
    Uni<Response> answer(AuthorizationRequest request, Client client, SignedInUser user) {
        if (!client.redirectUris().contains(request.redirectUri())) {
            return done(Pages.problem(400, "Invalid redirect", "The application's redirect_uri is no longer registered."));
        }
        AuthorizationRedirect back = redirect(request);
        // The registration may have changed while the user was signing in: it is what counts now.
        if (!client.allowsGrant(request.implicit() ? GrantTypes.IMPLICIT : GrantTypes.AUTHORIZATION_CODE)) {
            return done(back.error(OAuthError.UNAUTHORIZED_CLIENT, "the client is no longer registered for this response_type"));
        }
        if (!client.allowedScopes().containsAll(ScopePolicy.parse(request.scope()))) {
            return done(back.error(OAuthError.INVALID_SCOPE, "the client is no longer allowed this scope"));
        }
        // What the user's groups entitle them to of what was asked (auth.user-scope-groups).
        Set<String> entitled = scopes.forUser(ScopePolicy.parse(request.scope()), user.groups());
        if (entitled.isEmpty()) {
            return done(back.error(OAuthError.INVALID_SCOPE, "the user may not be granted any of the requested scopes"));
        }
        if (request.implicit()) {
            String grant = RefreshTokenStore.newFamily();
            Uni<Boolean> live = user.sid() == null ? Uni.createFrom().item(true)
                    : sessions.rememberGrant(user.sid(), grant, client.accessTokenLifetime(), client.accessTokenLifetime());
            return live.map(handOut -> handOut
                    ? back.success(TokenResponse.bearer(tokens.mint(client, grant, user.subject(), user.username(), user.groups(), entitled),
                    null).asParameters())
                    : back.error(OAuthError.ACCESS_DENIED, "the sign-on session has ended"));
        }
        var grant = new AuthorizationCodes.CodeGrant(client.clientId(), request.redirectUri(), request.redirectUriGiven(),
                String.join(" ", entitled), user.subject(), user.username(), user.groups(), request.codeChallenge(),
                request.codeChallengeMethod(), request.nonce(), user.authTime(), user.sid());
        return codes.issue(grant).map(code -> back.success(Map.of("code", code)));
    }

    /** prompt=none could not be met (OpenID Connect Core §3.1.2.6): the error goes back to the client. */
    Response refuse(AuthorizationRequest request, OAuthError error, String description) {
        return redirect(request).error(error, description);
    }

    /** §4.1.2.1: the user said no. */
    Uni<Response> deny(PendingAuthorizations.Pending request) {
        return pending.consume(request.id()).map(taken -> redirect(request.request()).error(OAuthError.ACCESS_DENIED, "the user denied the request"));
    }

    private AuthorizationRedirect redirect(AuthorizationRequest request) {
        return new AuthorizationRedirect(request.redirectUri(), request.state(), request.implicit(), issuer);
    }

    private static <T> Uni<T> done(T value) {
        return Uni.createFrom().item(value);
    }
}
