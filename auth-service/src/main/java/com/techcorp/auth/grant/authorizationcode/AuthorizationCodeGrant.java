package com.techcorp.auth.grant.authorizationcode;

import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.grant.authorizationcode.AuthorizationCodes.Redemption;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.grant.refresh.UserTokenIssuer;
import com.techcorp.auth.grant.refresh.UserTokenIssuer.UserTokens;
import com.techcorp.auth.grant.refresh.RefreshTokenStore;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.TokenRequest;
import com.techcorp.auth.grant.TokenResponse;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.identity.SubjectStatus;
import com.techcorp.auth.session.SignOnSessions;
import com.techcorp.auth.token.IdTokenMinter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * RFC 6749 §4.1.3 with RFC 7636 §4.5–4.6: a code is redeemed once, by the client it was issued to,
 * with the redirect URI of its request and the PKCE verifier of its challenge. A verifier sent for a
 * code issued without a challenge is refused (downgrade, RFC 9700 §2.1.1). A code presented a second
 * time revokes the tokens issued from it (§4.1.2): it has leaked.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private static final OAuthException INVALID =
            OAuthError.INVALID_GRANT.exception("the authorization code is invalid, expired or already used");

    private final AuthorizationCodes codes;
    private final UserTokenIssuer tokens;
    private final RefreshTokenStore refreshTokens;
    private final Revocations revocations;
    private final IdTokenMinter idTokens;
    private final SignOnSessions sessions;
    private final IdentityClient identity;

    public AuthorizationCodeGrant(AuthorizationCodes codes, UserTokenIssuer tokens, RefreshTokenStore refreshTokens,
                                  Revocations revocations, IdTokenMinter idTokens, SignOnSessions sessions, IdentityClient identity) {
        this.identity = identity;
        this.sessions = sessions;
        this.codes = codes;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.idTokens = idTokens;
    }

    @Override
    public String grantType() {
        return GrantTypes.AUTHORIZATION_CODE;
    }

    @Override
    public Uni<TokenResponse> handle(TokenRequest request, Client client) {
        String code = request.param("code");
        if (code == null) {
            throw OAuthError.INVALID_REQUEST.exception("code is required");
        }
        String verifier = request.param("code_verifier");
        if (verifier != null && !Pkce.validVerifier(verifier)) {
            throw OAuthError.INVALID_REQUEST.exception("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
        return codes.redeem(code, client.clientId(), request.param("redirect_uri"), verifier)
                .flatMap(redemption -> switch (redemption.outcome()) {
                    case REDEEMED -> issue(code, client, redemption.grant());
                    case REUSED -> revokeIssued(client, redemption).map(ignored -> {
                        throw INVALID;
                    });
                    case REDIRECT_MISMATCH -> throw OAuthError.INVALID_GRANT.exception("redirect_uri does not match the authorization request");
                    case VERIFIER_MISMATCH -> throw OAuthError.INVALID_GRANT.exception("code_verifier does not match the code_challenge");
                    case DOWNGRADE -> throw OAuthError.INVALID_GRANT.exception("code_verifier sent for a code issued without code_challenge");
                    default -> throw INVALID;
                });
    }

    private Uni<TokenResponse> issue(String code, Client client, AuthorizationCodes.CodeGrant grant) {
        // The tokens are remembered with the spent code; if the code was presented again while they
        // were being minted, they are revoked at once and nobody gets them. A code of a sign-on
        // session that has ended since (the user signed out) gives nothing either.
        return tokens.issueTokens(client, grant.subject(), grant.username(), grant.groups(), ScopePolicy.parse(grant.scope()))
                .flatMap(issued -> codes.recordTokens(code, family(issued), issued.access().jti(), issued.access().expiresAt())
                        .flatMap(replayedMeanwhile -> replayedMeanwhile ? Uni.createFrom().item(false) : remember(grant, client, issued))
                        .flatMap(handOut -> handOut ? withIdToken(issued, client, grant)
                                : revoke(client, family(issued), issued.access().jti(), issued.access().expiresAt()).map(ignored -> {
                                    throw INVALID;
                                })));
    }

    /** The session's grants are revoked when it ends (logout): this one is among them, unless it has ended already (false). */
    private Uni<Boolean> remember(AuthorizationCodes.CodeGrant grant, Client client, UserTokens issued) {
        return grant.sid() == null ? Uni.createFrom().item(true)
                : sessions.rememberGrant(grant.sid(), issued.grantId(), client.accessTokenLifetime(), client.refreshTokenLifetime());
    }

    /**
     * OpenID Connect Core §3.1.3.3: a request with scope openid gets an ID token beside the access
     * token; with profile, it names the user as the identity-service knows them now (none if it
     * cannot be asked: the ID token is not held back for it).
     */
    private Uni<TokenResponse> withIdToken(UserTokens issued, Client client, AuthorizationCodes.CodeGrant grant) {
        Set<String> scope = ScopePolicy.parse(issued.access().scope());
        if (!scope.contains(ScopePolicy.OPENID)) {
            return Uni.createFrom().item(issued.response());
        }
        Uni<String> name = scope.contains(ScopePolicy.PROFILE) ? identity.status(grant.subject()).map(SubjectStatus::name)
                : Uni.createFrom().nullItem();
        return name.map(userName -> issued.response().withIdToken(idTokens.mint(client.clientId(), grant.subject(), grant.username(),
                grant.authTime(), grant.nonce(), grant.sid(), userName, client.accessTokenLifetime(), issued.access())));
    }

    private Uni<Void> revokeIssued(Client client, Redemption reused) {
        return revoke(client, reused.refreshFamily(), reused.accessTokenId(), Instant.ofEpochSecond(reused.accessTokenExpiry()));
    }

    private Uni<Void> revoke(Client client, String family, String jti, Instant accessTokenExpiry) {
        AuditLog.revoked("authorization_code_replay", client.clientId(), jti == null ? "-" : jti);
        Uni<Void> refresh = family == null ? Uni.createFrom().voidItem() : refreshTokens.revokeFamilyById(family).replaceWithVoid();
        // The grant's access tokens, at the resource servers too; the first one by its jti as well,
        // for a code redeemed before tokens carried their grant.
        Uni<Void> grant = family == null ? Uni.createFrom().voidItem()
                : revocations.grant(family, Instant.now().plus(client.accessTokenLifetime()));
        Uni<Void> access = jti == null ? Uni.createFrom().voidItem() : revocations.token(jti, accessTokenExpiry);
        return refresh.call(() -> grant).call(() -> access);
    }

    private static String family(UserTokens issued) {
        return issued.grantId();
    }
}
