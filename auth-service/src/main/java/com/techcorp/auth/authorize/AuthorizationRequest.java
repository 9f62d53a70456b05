package com.techcorp.auth.authorize;

/**
 * An authorization request (RFC 6749 §4.1.1, §4.2.1; RFC 7636 §4.3) once the endpoint has validated
 * it: the client and redirect URI are registered, the scope is granted, the PKCE challenge is well
 * formed. Kept while the user signs in; its fields then go into the code or the implicit redirect.
 *
 * @param redirectUriGiven whether the request named the redirect URI: only then must the token
 *                         request repeat it (RFC 6749 §4.1.3)
 * @param scope            the granted scope, space-separated
 * @param nonce            OpenID Connect's nonce (Core §3.1.2.1), for the ID token; null if none
 * @param consentPrompted  prompt=consent: the user is asked to consent, even by a first-party client
 */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        boolean redirectUriGiven,
        String responseType,
        String scope,
        String state,
        String codeChallenge,
        String codeChallengeMethod,
        String nonce,
        boolean consentPrompted) {

    public static final String CODE = "code";
    public static final String TOKEN = "token";

    public boolean implicit() {
        return TOKEN.equals(responseType);
    }
}
