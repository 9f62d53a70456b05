// The TechCorp Employee Portal page in a real browser: sign in with authorization code + PKCE,
// see the payslips, sign out. Run by PortalBrowserTest (e2e-tests), which starts the suite.
//
//   PORTAL_URL=http://localhost:8084 SCREENSHOT_DIR=target/screenshots node portal.mjs
//
// Prints one JSON line: the refresh token the page held before signing out, so the caller can
// check that signing out revoked it.
import { check, launch } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const portal = process.env.PORTAL_URL ?? 'http://localhost:8084';
const screenshots = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
const username = process.env.PORTAL_USERNAME ?? 'johndoe';
const password = process.env.PORTAL_PASSWORD ?? 'secret123';
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const page = await browser.newPage();
page.setDefaultTimeout(20_000);
try {

  // A callback this tab did not start (a forged link): refused, and its text never shown.
  await page.goto(`${portal}/portal/callback?error=server_error&error_description=Call+0800+now&state=forged&iss=x`);
  await page.waitForSelector('#error:not([hidden])');
  const forged = await page.textContent('#error');
  check(forged.includes('not started here') && !forged.includes('0800'), `forged callback: got "${forged}"`);

  // Signed out: the page offers to sign in.
  await page.goto(`${portal}/portal`);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The auth-service's sign-in page. A wrong password first: the page says so and stays.
  await page.waitForSelector('#username');
  await page.fill('#username', username);
  await page.fill('#password', 'not-the-password');
  await page.click('#sign-in');
  const error = await page.textContent('#error');
  check(error.includes('incorrect'), `wrong password: expected an error on the sign-in page, got "${error}"`);
  await page.screenshot({ path: join(screenshots, 'portal-wrong-password.png'), fullPage: true });

  // The right password: back at the portal with the payslips.
  await page.fill('#password', password);
  await page.click('#sign-in');
  await page.waitForURL(`${portal}/portal`);
  await page.waitForSelector('#signed-in:not([hidden])');
  const payslips = await page.textContent('#payslips');
  check(payslips.includes('July') && payslips.includes('3000 USD'), `expected July 3000 USD, got "${payslips}"`);
  const leave = await page.textContent('#leave-balance');
  check(leave.includes('10 days'), `expected 10 days of leave, got "${leave}"`);
  await page.screenshot({ path: join(screenshots, 'portal-signed-in.png'), fullPage: true });
  const tokens = JSON.parse(await page.evaluate(() => sessionStorage.getItem('portal.tokens')));
  check(tokens && tokens.refresh_token, 'the page holds no refresh token');

  // Sign out: the refresh token is revoked and forgotten.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('#signed-out:not([hidden])');
  const message = await page.textContent('#signed-out-message');
  check(message.includes('signed out'), `expected the signed-out message, got "${message}"`);
  check(await page.evaluate(() => sessionStorage.getItem('portal.tokens')) === null, 'tokens left in the page after sign-out');
  await page.screenshot({ path: join(screenshots, 'portal-signed-out.png'), fullPage: true });

  console.log(JSON.stringify({ refreshToken: tokens.refresh_token }));
} catch (e) {
  // What the browser showed when it failed, for the test report.
  await page.screenshot({ path: join(screenshots, 'portal-failure.png'), fullPage: true }).catch(() => {});
  console.error(`failed at ${page.url()}:\n${await page.innerText('body').catch(() => '(no page)')}`);
  throw e;
} finally {
  await browser.close();
}
