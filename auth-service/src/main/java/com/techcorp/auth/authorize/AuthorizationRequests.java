package com.techcorp.auth.authorize;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.authorizationcode.Pkce;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.support.FormParameters;
import com.techcorp.auth.token.IdTokenHintVerifier;
import com.techcorp.oauth.jsonerrors.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, §4.2.1; RFC 7636 §4.3) for a known,
 * enabled client. The redirect URI is checked first: until it is known good, errors are a page
 * and never a redirect (§4.1.2.1), so the endpoint cannot be used as an open redirector. After
 * that, errors go back to the client with {@code state} and {@code iss}.
 */
@ApplicationScoped
class AuthorizationRequests {

    /** Clients use state as an opaque nonce or a small encoded value; it is stored while the user signs in. */
    static final int MAX_STATE = 1024;
    /** OpenID Connect's nonce goes into the ID token as it came: bounded like state, and text a JSON string can hold. */
    private static final int MAX_NONCE = 512;

    /**
     * A valid request, or the answer that refuses it (a page, or a redirect back to the client).
     *
     * @param loginHint OpenID Connect's login_hint when it could be a username: the sign-in form starts with it
     * @param prompts   OpenID Connect's prompt values (Core §3.1.2.1), empty if none
     * @param maxAge    OpenID Connect's max_age in seconds, or null: a session signed in longer ago needs the password
     * @param hintedSubject the subject of the request's id_token_hint, or null: a session of another user does not count
     */
    record Validated(AuthorizationRequest request, Response refusal, String loginHint, Set<String> prompts, Long maxAge,
                     String hintedSubject) {
        static Validated refused(Response refusal) {
            return new Validated(null, refusal, null, Set.of(), null, null);
        }

        /** Whether the session, signed in at {@code authTime}, is good for this request without the password. */
        boolean acceptsSession(String subject, long authTime, long now) {
            boolean fresh = maxAge == null || maxAge > 0 && now - authTime <= maxAge;
            return fresh && !forcesSignIn() && (hintedSubject == null || hintedSubject.equals(subject));
        }

        boolean silent() {
            return prompts.contains("none");
        }

        /** Whether the user must type the password even with a session (prompt=login or select_account). */
        boolean forcesSignIn() {
            return prompts.contains("login") || prompts.contains("select_account");
        }
    }

    /** OpenID Connect Core §3.1.2.1's prompt values. */
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    private final ScopePolicy scopes;
    private final IdTokenHintVerifier hints;
    private final String issuer;

    AuthorizationRequests(ScopePolicy scopes, IdTokenHintVerifier hints, AuthConfig config) {
        this.scopes = scopes;
        this.hints = hints;
        this.issuer = config.issuer();
    }

    Validated validate(MultivaluedMap<String, String> query, Client client) {
        String requested = nonEmpty(query.getFirst("redirect_uri"));
        // RFC 6749 §3.1.2.3: without redirect_uri, only a client with exactly one registered URI; with
        // one, simple string comparison against the registered URIs (RFC 9700 §4.1.1), nothing looser.
        String redirectUri;
        if (requested == null) {
            if (client.redirectUris().size() != 1) {
                return Validated.refused(Pages.problem(400, "Invalid request", "The request must name its redirect_uri."));
            }
            redirectUri = client.redirectUris().get(0);
        } else if (client.redirectUris().contains(requested)) {
            redirectUri = requested;
        } else {
            return Validated.refused(Pages.problem(400, "Invalid redirect", "The redirect_uri is not registered for this application."));
        }
        boolean implicit = AuthorizationRequest.TOKEN.equals(query.getFirst("response_type"));
        String state = repeated(query, "state") ? null : nonEmpty(query.getFirst("state"));
        if (state != null && state.length() > MAX_STATE) {
            return refused(new AuthorizationRedirect(redirectUri, null, implicit, issuer), OAuthError.INVALID_REQUEST, "state is too long");
        }
        AuthorizationRedirect back = new AuthorizationRedirect(redirectUri, state, implicit, issuer);
        // §3.1: a parameter sent without a value is as if omitted; none may be sent twice.
        Map<String, String> params;
        Set<String> granted;
        try {
            params = FormParameters.single(query);
            String responseType = params.get("response_type");
            if (responseType == null) {
                return refused(back, OAuthError.INVALID_REQUEST, "response_type is required");
            }
            if (!implicit && !AuthorizationRequest.CODE.equals(responseType)) {
                return refused(back, OAuthError.UNSUPPORTED_RESPONSE_TYPE, "response_type must be code");
            }
            if (!client.allowsGrant(implicit ? GrantTypes.IMPLICIT : GrantTypes.AUTHORIZATION_CODE)) {
                return refused(back, OAuthError.UNAUTHORIZED_CLIENT, "the client is not registered for this response_type");
            }
            granted = scopes.grant(params.get("scope"), client.allowedScopes(), client.defaultScopes());
        } catch (OAuthException e) {
            return refused(back, e.error(), e.description());
        }
        if (requested == null && granted.contains(ScopePolicy.OPENID)) {
            // Core §3.1.2.1: an OpenID Connect request names its redirect_uri, also where one is registered.
            return refused(back, OAuthError.INVALID_REQUEST, "redirect_uri is required with scope openid");
        }
        String nonce = params.get("nonce");
        if (nonce != null && !PlainText.is(nonce, MAX_NONCE)) {
            return refused(back, OAuthError.INVALID_REQUEST, "nonce must be at most " + MAX_NONCE + " characters of text");
        }
        String openIdProblem = openIdProblem(params);
        if (openIdProblem != null) {
            return refused(back, OAuthError.INVALID_REQUEST, openIdProblem);
        }
        // Core §6: request objects are not supported (discovery says so); ignoring one would drop what it says.
        if (params.containsKey("request")) {
            return refused(back, OAuthError.REQUEST_NOT_SUPPORTED, "request objects are not supported");
        }
        if (params.containsKey("request_uri")) {
            return refused(back, OAuthError.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported");
        }
        String challenge = implicit ? null : params.get("code_challenge");
        String method = implicit ? null : params.get("code_challenge_method");
        String pkceProblem = pkceProblem(client, implicit, challenge, method);
        if (pkceProblem != null) {
            return refused(back, OAuthError.INVALID_REQUEST, pkceProblem);
        }
        // Core §3.1.2.1: id_token_hint says who the client believes is signed in; it must be an ID token of ours.
        String hintedSubject = null;
        if (params.containsKey("id_token_hint")) {
            var hint = hints.verify(params.get("id_token_hint"));
            if (hint.isEmpty()) {
                return refused(back, OAuthError.INVALID_REQUEST, "id_token_hint is not an ID token of this server");
            }
            hintedSubject = hint.get().getClaimValueAsString("sub");
        }
        // RFC 7636 §4.3: an absent method means plain (refused above unless the client is registered for it).
        String effectiveMethod = challenge == null ? null : method == null ? Pkce.PLAIN : method;
        return new Validated(new AuthorizationRequest(client.clientId(), redirectUri, requested != null, params.get("response_type"),
                String.join(" ", granted), state, challenge, effectiveMethod, implicit ? null : nonce, prompts(params).contains("consent")),
                null, loginHint(params), prompts(params), maxAge(params), hintedSubject);
    }

    /** @return why OpenID Connect's prompt or max_age is refused, or null */
    private static String openIdProblem(Map<String, String> params) {
        String prompt = params.get("prompt");
        if (prompt != null) {
            if (prompt.length() > 100) {
                return "prompt is malformed";
            }
            Set<String> values = prompts(params);
            if (!PROMPTS.containsAll(values)) {
                return "prompt must be none, login, consent or select_account";
            }
            if (values.contains("none") && values.size() > 1) {
                return "prompt none cannot be combined with other values";
            }
        }
        String maxAge = params.get("max_age");
        if (maxAge != null && !maxAge.matches("[0-9]{1,30}")) {
            return "max_age must be a number of seconds";
        }
        return null;
    }

    private static Set<String> prompts(Map<String, String> params) {
        String prompt = params.get("prompt");
        return prompt == null ? Set.of() : Arrays.stream(prompt.split(" ", -1)).collect(Collectors.toSet());
    }

    /** A max_age past any session's lifetime is as good as none; a huge number must not overflow. */
    private static Long maxAge(Map<String, String> params) {
        String maxAge = params.get("max_age");
        return maxAge == null ? null : new java.math.BigInteger(maxAge).min(java.math.BigInteger.valueOf(999_999_999L)).longValue();
    }

    private static String loginHint(Map<String, String> params) {
        String hint = params.get("login_hint");
        return hint != null && PlainText.is(hint, IdentityClient.MAX_USERNAME) ? hint : null;
    }

    /** @return why the PKCE parameters are refused, or null: S256 required of public clients, plain only where registered */
    private static String pkceProblem(Client client, boolean implicit, String challenge, String method) {
        if (challenge == null) {
            if (method != null) {
                return "code_challenge_method without code_challenge";
            }
            return !implicit && !client.confidential() ? "code_challenge is required (PKCE with S256)" : null;
        }
        String effective = method == null ? Pkce.PLAIN : method;
        if (Pkce.PLAIN.equals(effective) && !client.plainPkceAllowed()) {
            return "code_challenge_method plain is not allowed; use S256";
        }
        if (!Pkce.S256.equals(effective) && !Pkce.PLAIN.equals(effective)) {
            return "code_challenge_method must be S256";
        }
        return Pkce.validChallenge(effective, challenge) ? null : "code_challenge is malformed";
    }

    private static Validated refused(AuthorizationRedirect back, OAuthError error, String description) {
        return Validated.refused(back.error(error, description));
    }

    static boolean repeated(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values != null && values.size() > 1;
    }

    static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
