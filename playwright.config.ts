import { defineConfig } from '@playwright/test';

/** Flags for Debian's Chromium on a machine with no network (toolchain notes): no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Every wizard a test starts inherits this: its health check contacts loopback addresses only (the test profiles
// name hosts such as meet.example.com, which must never be looked up or reached from a test).
process.env['SSO_WIZARD_LOOPBACK_ONLY'] = '1';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Each test starts its own browser-mode server and data folder; one worker keeps two cores responsive.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // Screenshot-only tests run when test/tools/screenshots.mjs asks for them, never in the regular suite.
  ...(process.env['SSO_WIZARD_SCREENSHOTS'] ? {} : { grepInvert: /screenshot of/ }),
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1200, height: 820 },
    trace: 'retain-on-failure',
  },
});
