/**
 * The desktop app itself, through Playwright's Electron driver: the real Electron, the one test of the door
 * that is not a stand-in. The runtime is downloaded first if it is missing, with electron's own installer
 * (as npm start does); where that download fails (no access to GitHub) the test is SKIPPED with the
 * installer's error, and the summary counts it as skipped, never as passed.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runElectronInstaller } from '../../main/doors/launcher/electron-installer.js';
import { findElectronRuntime, type ElectronRuntime } from '../../main/doors/launcher/electron-runtime.js';
import { REPO_ROOT } from './support/browser-mode';

let runtime: ElectronRuntime = findElectronRuntime();
if (!runtime.found && runtime.installer) {
  const io = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
  const installed = await runElectronInstaller(runtime.installer, io);
  runtime = installed.ok ? findElectronRuntime() : { found: false, reason: `the download failed: ${installed.error}` };
}

test.describe('the desktop app (Electron)', () => {
  test.skip(!runtime.found, `Electron runtime absent, so the desktop window was NOT tested here: ${runtime.found ? '' : runtime.reason}`);

  test('opens one sandboxed window on app:// with the wizard, and refuses navigation and new windows', async () => {
    if (!runtime.found) return;
    const userData = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-electron-'));
    const app = await electron.launch({
      executablePath: runtime.executable,
      args: [REPO_ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, SSO_WIZARD_DATA_DIR: userData },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Start with your site' })).toBeVisible();
      expect(page.url()).toMatch(/^app:\/\/wizard\//);
      // Context isolation and no Node: the page sees neither require nor process, only the preload's one object.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { ssoWizard: object }).ssoWizard).sort())).toEqual(['api', 'frontDoor']);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      await page.evaluate(() => window.open('https://example.com'));
      expect(app.windows()).toHaveLength(1);
      await page.evaluate(() => (window.location.href = 'https://example.com'));
      await expect.poll(() => page.url()).toMatch(/^app:\/\/wizard\//);
      const info = await page.evaluate(() => (window as unknown as { ssoWizard: { api: Record<string, (i: unknown) => Promise<unknown>> } }).ssoWizard.api['app.info']!({}));
      expect(info).toMatchObject({ ok: true, value: { frontDoor: 'electron' } });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
