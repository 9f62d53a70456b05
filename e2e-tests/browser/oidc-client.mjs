// openid-client (a certified OpenID Connect relying party library, pinned in package.json) against
// the running suite: discovery, the code flow with PKCE and nonce, the ID token checked by the
// library itself (issuer, audience, expiry, nonce, and its signature against the JWKS), userinfo,
// prompt=none inside the session, a wrong nonce refused, RP-Initiated Logout, and prompt=none
// after it answering login_required. The sign-in page is posted by hand (no browser needed).
//
//   ISSUER=http://localhost:8080 CLIENT_ID=... REDIRECT_URI=... POST_LOGOUT_URI=... node oidc-client.mjs
import * as client from 'openid-client';

const issuer = new URL(process.env.ISSUER);
const clientId = process.env.CLIENT_ID;
const redirectUri = process.env.REDIRECT_URI;
const postLogoutUri = process.env.POST_LOGOUT_URI;

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** The user's browser, by hand: cookies per origin, redirects not followed. */
const cookies = new Map();
async function go(url, init = {}) {
  const target = new URL(url);
  const jar = cookies.get(target.origin) ?? new Map();
  const headers = { ...(init.headers ?? {}) };
  if (jar.size) {
    headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  const response = await fetch(target, { ...init, headers, redirect: 'manual' });
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || attributes.some((a) => /max-age=0/i.test(a.trim()))) {
      jar.delete(name);
    } else {
      jar.set(name, value);
    }
  }
  cookies.set(target.origin, jar);
  return response;
}

function hidden(html, name) {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return match ? match[1] : null;
}

async function authorize(config, extra) {
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid payslips:read', nonce, state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  });
  return { response: await go(url), verifier, nonce, state };
}

const config = await client.discovery(issuer, clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
// The ID token's signature too, against the JWKS of the discovery document.
client.enableNonRepudiationChecks(config);
check(config.serverMetadata().end_session_endpoint, 'discovery names the end_session_endpoint');

// Sign in: the page, then its form with the password.
const first = await authorize(config, {});
check(first.response.status === 200, `the authorization endpoint answered ${first.response.status}`);
const page = await first.response.text();
const signedIn = await go(new URL('/oauth/authorize/login', issuer), {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ request: hidden(page, 'request'), csrf_token: hidden(page, 'csrf_token'), username: 'johndoe', password: 'secret123' }),
});
check(signedIn.status === 303, `the sign-in answered ${signedIn.status}`);
const tokens = await client.authorizationCodeGrant(config, new URL(signedIn.headers.get('location')),
  { pkceCodeVerifier: first.verifier, expectedNonce: first.nonce, expectedState: first.state, idTokenExpected: true });
const claims = tokens.claims();
check(claims.iss === issuer.href.replace(/\/$/, '') && claims.aud === clientId, `iss/aud: ${claims.iss} ${claims.aud}`);
check(claims.nonce === first.nonce && claims.sid && claims.auth_time, 'nonce, sid and auth_time in the ID token');
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
check(userinfo.preferred_username === 'johndoe', `userinfo: ${JSON.stringify(userinfo)}`);

// prompt=none in the same session: a code without any page, the same session and sign-in time.
const silent = await authorize(config, { prompt: 'none' });
check(silent.response.status === 303, `prompt=none answered ${silent.response.status}`);
const again = await client.authorizationCodeGrant(config, new URL(silent.response.headers.get('location')),
  { pkceCodeVerifier: silent.verifier, expectedNonce: silent.nonce, expectedState: silent.state, idTokenExpected: true });
check(again.claims().sid === claims.sid && again.claims().auth_time === claims.auth_time, 'the same session');

// An ID token whose nonce is not the one this client sent is refused by the library.
const third = await authorize(config, { prompt: 'none' });
let refused = false;
try {
  await client.authorizationCodeGrant(config, new URL(third.response.headers.get('location')),
    { pkceCodeVerifier: third.verifier, expectedNonce: client.randomNonce(), expectedState: third.state, idTokenExpected: true });
} catch (e) {
  refused = true;
}
check(refused, 'a nonce mismatch must be refused');

// RP-Initiated Logout, back to the registered page with the state.
const logout = await go(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: postLogoutUri, state: 'bye' }));
check(logout.status === 303 && logout.headers.get('location') === `${postLogoutUri}?state=bye`, `logout answered ${logout.status} ${logout.headers.get('location')}`);

// Signed out: prompt=none is login_required, and the library says so.
const after = await authorize(config, { prompt: 'none' });
let error = null;
try {
  await client.authorizationCodeGrant(config, new URL(after.response.headers.get('location')),
    { pkceCodeVerifier: after.verifier, expectedNonce: after.nonce, expectedState: after.state });
} catch (e) {
  error = e.error ?? e.cause?.error ?? e.message;
}
check(error === 'login_required', `after logout, prompt=none: ${error}`);

console.log(JSON.stringify({ sub: claims.sub, sid: claims.sid, loginRequiredAfterLogout: true }));
