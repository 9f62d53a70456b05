// What the browser scenarios share: headless Debian Chromium as playwright-core drives it, and a check.
import { chromium } from 'playwright-core';

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // This machine's network is closed: without these, Chromium's own background connections fail noisily.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Playwright gives every launch a new empty profile of its own.
  });
}
