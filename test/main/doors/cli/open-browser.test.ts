/**
 * Issue 16, item 1: browser mode's token must never be in another process's argv or environment (any local
 * user reads /proc/PID/cmdline). A fake `xdg-open` first on PATH stands in for the desktop's opener: it records
 * its PID and waits, the test reads its /proc entries, then a real Chromium opens what the opener was given
 * and must arrive at the wizard authenticated.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import { openInBrowser, type BrowserOpening } from '../../../../main/doors/cli/open-browser.js';
import { startBrowserModeServer, type BrowserModeServer } from '../../../../main/doors/http/browser-mode-server.js';
import { testOutside } from '../../../support/test-outside.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
let server: BrowserModeServer | undefined;
let opening: BrowserOpening | undefined;
afterEach(async () => {
  await opening?.close();
  await server?.close();
});

async function waitFor<T>(what: string, probe: () => T | undefined, limitMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > limitMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A renderer that does what the real one does with the fragment: calls the API with the token. */
function fakeRenderer(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>loading</title><script src="/app.js"></script>');
  writeFileSync(
    path.join(dir, 'app.js'),
    `const token = /token=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1] ?? '';
fetch('/api/profile.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-SSO-Wizard-Token': token }, body: '{}' })
  .then((r) => r.json()).then((result) => { document.title = result.ok ? 'authenticated' : 'refused: ' + result.error.message; });`,
  );
  return dir;
}

describe.skipIf(process.platform !== 'linux')('opening browser mode', () => {
  it('hands the opener a private redirect page, never the token; the browser still arrives authenticated', async () => {
    const core = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir: tempDir() });
    server = await startBrowserModeServer({ dispatch: core.dispatch, rendererDir: fakeRenderer() });
    const bin = tempDir();
    const log = path.join(tempDir(), 'opener');
    mkdirSync(log);
    // The stand-in opener records its PID and argument, then waits to be inspected.
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${log}/arg"\necho $$ > "${log}/pid"\nwhile [ ! -e "${log}/done" ]; do sleep 0.05; done\n`);
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, DISPLAY: ':99' };

    opening = await openInBrowser(server.url, env);
    expect(opening.opened).toBe(true);
    const pid = await waitFor('the opener to start', () => (existsSync(path.join(log, 'pid')) ? readFileSync(path.join(log, 'pid'), 'utf8').trim() : undefined));
    const cmdline = readFileSync(`/proc/${pid}/cmdline`);
    const environ = readFileSync(`/proc/${pid}/environ`);
    writeFileSync(path.join(log, 'done'), '');
    expect(cmdline.toString()).toContain('xdg-open');
    expect(cmdline.includes(server.token)).toBe(false);
    expect(environ.length).toBeGreaterThan(0);
    expect(environ.includes(server.token)).toBe(false);

    // What the opener got: a file: URL of a page only this user can read, in a folder only this user can list.
    const target = readFileSync(path.join(log, 'arg'), 'utf8').trim();
    expect(target).toMatch(/^file:\/\//);
    const page = fileURLToPath(target);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(page)).mode & 0o777).toBe(0o700);

    const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const tab = await browser.newPage();
      await tab.goto(target);
      await tab.waitForFunction(() => document.title !== 'loading' && location.protocol === 'http:', undefined, { timeout: 20_000 });
      expect(await tab.title()).toBe('authenticated');
      expect(tab.url().startsWith(server.origin)).toBe(true);
    } finally {
      await browser.close();
    }

    // The page goes when browser mode stops.
    await opening.close();
    expect(existsSync(page)).toBe(false);
  }, 60_000);

  it('opens nothing without a display and for anything but the wizard URL', async () => {
    expect((await openInBrowser('http://127.0.0.1:1/#token=abc', { PATH: '/usr/bin' })).reason).toContain('DISPLAY');
    expect((await openInBrowser('https://evil.example/#token=abc', { DISPLAY: ':0' })).opened).toBe(false);
  });
});
