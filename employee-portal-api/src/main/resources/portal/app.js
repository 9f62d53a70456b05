// The TechCorp Employee Portal page: authorization code + PKCE (RFC 7636, S256) as a public client,
// the issuer checked on the way back (RFC 9207); signing out revokes the refresh token (RFC 7009)
// and ends the sign-on session at the auth-service (OpenID Connect RP-Initiated Logout).
'use strict';

const PKCE_KEY = 'portal.pkce';
const TOKENS_KEY = 'portal.tokens';
const SIGNED_OUT = 'signed-out';
const $ = (id) => document.getElementById(id);

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function s256(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

function show(section, message) {
  $('signed-in').hidden = section !== 'signed-in';
  $('signed-out').hidden = section !== 'signed-out';
  $('sign-out').hidden = section !== 'signed-in';
  if (message) {
    $('signed-out-message').textContent = message;
  }
}

function fail(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  show('signed-out');
}

async function signIn(config) {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${config.authUrl}/oauth/authorize?${query}`);
}

async function tokenRequest(config, params) {
  const response = await fetch(`${config.authUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...params }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error_description || body.error || `HTTP ${response.status}`);
  }
  return body;
}

/** Thrown for a callback this tab did not ask for: shown, but the session in the tab is kept. */
class ForeignCallback extends Error {}

async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  history.replaceState(null, '', '/portal');
  // state first, then iss (RFC 9207 §2.4, for errors too): an answer to a sign-in this tab did not
  // start, or from another server, is ignored whatever it says.
  if (!pending || params.get('state') !== pending.state) {
    throw new ForeignCallback('This sign-in was not started here. Please sign in again.');
  }
  sessionStorage.removeItem(PKCE_KEY);
  if (params.get('iss') !== config.issuer) {
    throw new ForeignCallback('The answer did not come from the TechCorp sign-in service. Please sign in again.');
  }
  if (params.get('error') === 'access_denied') {
    throw new Error('Sign-in was cancelled.');
  }
  if (params.get('error') || !params.get('code')) {
    throw new Error('Sign-in did not complete. Please try again.');
  }
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: config.redirectUri,
    code_verifier: pending.verifier,
  });
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
}

async function payslips(config, retried) {
  const tokens = JSON.parse(sessionStorage.getItem(TOKENS_KEY));
  const response = await fetch('/employee/payslips', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  if (response.status === 401 && !retried && tokens.refresh_token) {
    const renewed = await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify(renewed));
    return payslips(config, true);
  }
  if (!response.ok) {
    throw new Error(`The portal answered HTTP ${response.status}.`);
  }
  return response.json();
}

function render(data) {
  const rows = $('payslips');
  rows.replaceChildren(...data.payslips.map((slip) => {
    const row = document.createElement('tr');
    for (const value of [slip.month, slip.amount]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  }));
  $('leave-balance').textContent = data.leave_balance;
  show('signed-in');
}

async function signOut(config) {
  const tokens = JSON.parse(sessionStorage.getItem(TOKENS_KEY) || 'null');
  sessionStorage.removeItem(TOKENS_KEY);
  if (tokens && tokens.refresh_token) {
    await fetch(`${config.authUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token, token_type_hint: 'refresh_token', client_id: config.clientId }),
    });
  }
  if (tokens && tokens.id_token) {
    // The auth-service ends the sign-on session (every application in this browser) and sends the browser back.
    const query = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: config.postLogoutRedirectUri,
      state: SIGNED_OUT,
    });
    location.assign(`${config.authUrl}/oauth/logout?${query}`);
    return;
  }
  show('signed-out', 'You are signed out.');
}

async function main() {
  let config;
  try {
    config = await (await fetch('/portal/config')).json();
  } catch (e) {
    fail('The portal is unavailable right now. Please reload the page.');
    return;
  }
  $('sign-in').addEventListener('click', () => signIn(config).catch((e) => fail(e.message)));
  $('sign-out').addEventListener('click', () => signOut(config).catch((e) => fail(e.message)));
  try {
    if (location.pathname === '/portal/callback') {
      await completeSignIn(config);
    }
    if (sessionStorage.getItem(TOKENS_KEY)) {
      render(await payslips(config, false));
    } else if (new URLSearchParams(location.search).get('state') === SIGNED_OUT) {
      history.replaceState(null, '', '/portal');
      show('signed-out', 'You are signed out.');
    } else {
      show('signed-out');
    }
  } catch (e) {
    if (!(e instanceof ForeignCallback)) {
      sessionStorage.removeItem(TOKENS_KEY);
    }
    fail(e.message);
    if (sessionStorage.getItem(TOKENS_KEY)) {
      render(await payslips(config, false).catch(() => null) ?? { payslips: [], leave_balance: '' });
    }
  }
}

main();
