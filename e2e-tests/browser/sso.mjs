// Single sign-on in a real browser: an analyst signs in at the portal page, opens the report
// dashboard (another client, on another port) without typing the password again and sees the chart,
// signs out there (RP-Initiated Logout at the auth-service), and is asked for the password at the
// next visit. Run by PortalBrowserTest (e2e-tests), which starts the suite.
//
//   PORTAL_URL=http://localhost:8084 DASHBOARD_URL=http://localhost:8083/dashboard SCREENSHOT_DIR=target/screenshots node sso.mjs
import { check, launch } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const portal = process.env.PORTAL_URL ?? 'http://localhost:8084';
const dashboard = process.env.DASHBOARD_URL ?? 'http://localhost:8083/dashboard';
const screenshots = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const page = await browser.newPage();
page.setDefaultTimeout(20_000);
try {
  // Signed in at the portal, with the password.
  await page.goto(`${portal}/portal`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#username');
  await page.fill('#username', 'lenaberg');
  await page.fill('#password', 'secret123');
  await page.click('#sign-in');
  await page.waitForSelector('#signed-in:not([hidden])');
  check((await page.textContent('#payslips')).includes('4550 USD'), 'the analyst sees her payslips at the portal');

  // The dashboard: through the auth-service and back, without a password. The schedule builds the
  // first report within a minute of start-up: until then the page says there is none yet.
  await page.goto(dashboard);
  for (let waited = 0; !(await page.$('#chart')); waited += 2) {
    check(!(await page.$('#password')), `the dashboard asked for the password again (at ${page.url()})`);
    check(waited < 90, `no report on the dashboard after 90 s: "${await page.innerText('body')}"`);
    await page.waitForTimeout(2000);
    await page.reload();
  }
  check(page.url().startsWith(dashboard), `expected the dashboard, at ${page.url()}`);
  check((await page.textContent('#user')).includes('lenaberg'), 'the dashboard names who is signed in');
  await page.screenshot({ path: join(screenshots, 'dashboard-single-sign-on.png'), fullPage: true });

  // Sign out at the dashboard: the auth-service ends the session and sends the browser back.
  await page.click('#sign-out');
  await page.waitForSelector('#signed-out');
  await page.screenshot({ path: join(screenshots, 'dashboard-signed-out.png'), fullPage: true });

  // Signed out everywhere: the next visit asks for the password.
  await page.goto(dashboard);
  await page.waitForSelector('#password');
  check(!(await page.$('#chart')), 'nothing of the report before signing in again');
  await page.screenshot({ path: join(screenshots, 'dashboard-asks-password-again.png'), fullPage: true });
  console.log(JSON.stringify({ singleSignOn: true }));
} catch (e) {
  await page.screenshot({ path: join(screenshots, 'sso-failure.png'), fullPage: true }).catch(() => {});
  console.error(`failed at ${page.url()}:\n${await page.innerText('body').catch(() => '(no page)')}`);
  throw e;
} finally {
  await browser.close();
}
