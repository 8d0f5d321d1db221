/**
 * The desktop door's boot, with a STAND-IN for the `electron` module (test/support/electron-standin): the
 * built entry (dist/main/doors/electron/main.js) runs under plain Node in Electron's documented boot order,
 * `ready` only after the ESM entry has finished evaluating (electron/electron#40719). This is not the Electron
 * test (that is test/e2e/electron.spec.ts, which needs the real runtime); it proves the entry cannot deadlock
 * on its own `ready`, and what it wires once ready.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNELS, IPC_PREFIX } from '../../../../shared/api/contract.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const entry = path.join(root, 'dist/main/doors/electron/main.js');
const runner = path.join(root, 'test/support/electron-standin/boot-runner.ts');
const tempDir = useTempDirs('sso-wizard-boot-');

interface BootReport {
  outcome: string;
  entryEvaluated: boolean;
  readyEmitted: boolean;
  calls: string[];
  windowCount: number;
  mainWindow: { url: string; webPreferences: Record<string, unknown> } | null;
  ipcChannels: string[];
  quitCalled: boolean;
  exitCode: number | null;
  errorBoxes: { title: string; content: string }[];
  index?: { status: number; contentType: string; csp: string | null; body: string };
  otherHost?: { status: number };
  missing?: { status: number };
  ipcFromWizard?: { ok: boolean; value?: { frontDoor?: string } };
  ipcFromIframe?: { ok: boolean; error?: { code: string } };
  ipcFromWeb?: { ok: boolean; error?: { code: string } };
  clipboardCheck?: Record<string, boolean | null>;
  focusedAfterSecondInstance?: number;
}

function boot(entryFile: string, ...flags: string[]): Promise<{ report: BootReport; code: number | null; stderr: string }> {
  expect(existsSync(entryFile), 'run "npm run build" first').toBe(true);
  return new Promise((resolve, reject) => {
    // (Type stripping is on by default from Node 23.6; the flag keeps Node 22 LTS running the .ts stand-in too.)
    execFile(process.execPath, ['--experimental-strip-types', runner, entryFile, ...flags], { env: { ...process.env, SSO_WIZARD_DATA_DIR: tempDir() } }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((text) => text.startsWith('STANDIN-REPORT '));
      if (!line) return reject(new Error(`the boot runner printed no report (${error?.message ?? ''}):\n${stdout}\n${stderr}`));
      resolve({ report: JSON.parse(line.slice('STANDIN-REPORT '.length)) as BootReport, code: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
    });
  });
}

/** One boot of the real entry serves the tests that only read its report (each boot takes seconds here). */
let entryBoot: ReturnType<typeof boot> | undefined;
const bootEntry = () => (entryBoot ??= boot(entry));

describe('the built Electron entry, booted with the electron stand-in', () => {
  it('finishes evaluating before ready, then opens the window, registers every channel and serves the renderer', async () => {
    const { report } = await bootEntry();
    expect(report.outcome).toBe('window loaded');
    expect(report.entryEvaluated).toBe(true);
    // What must precede ready happened during evaluation, before app.whenReady() was even asked.
    const whenReadyAt = report.calls.indexOf('app.whenReady');
    for (const early of ['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']) {
      expect(report.calls.indexOf(early), early).toBeGreaterThanOrEqual(0);
      expect(report.calls.indexOf(early), early).toBeLessThan(whenReadyAt);
    }
    expect(report.windowCount).toBe(1);
    expect(report.mainWindow?.url).toBe('app://wizard/index.html');
    expect(report.mainWindow?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(existsSync(String(report.mainWindow?.webPreferences['preload']))).toBe(true);
    expect([...report.ipcChannels].sort()).toEqual(CHANNELS.map((channel) => `${IPC_PREFIX}${channel}`).sort());

    expect(report.index).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/html/) });
    expect(report.index?.csp).toContain("default-src 'none'");
    expect(report.index?.body).toBe(readFileSync(path.join(root, 'dist/renderer/index.html'), 'utf8').slice(0, 4000));
    expect(report.otherHost?.status).toBe(404);
    expect(report.missing?.status).toBe(404);
  });

  it('answers IPC from the wizard\'s top frame only, and grants the clipboard write to that frame only', async () => {
    const { report } = await bootEntry();
    expect(report.ipcFromWizard).toMatchObject({ ok: true, value: { frontDoor: 'electron' } });
    expect(report.ipcFromIframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.ipcFromWeb).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.clipboardCheck).toEqual({ wizard: true, iframe: false, web: false, camera: false });
  });

  it('a second start quits at once and leaves the data folder to the running one, which comes to the front', async () => {
    const second = await boot(entry, '--second-instance');
    expect(second.report).toMatchObject({ outcome: 'quit before ready', quitCalled: true, windowCount: 0 });
    expect(second.report.calls).not.toContain('app.whenReady');
    const first = await bootEntry();
    expect(first.report.focusedAfterSecondInstance).toBeGreaterThan(0);
  });

  it('a boot that fails shows an error box and exits with 1, never a hang', async () => {
    const { report, stderr } = await boot(entry, '--fail-on=protocol.handle:app');
    expect(report).toMatchObject({ outcome: 'quit', exitCode: 1, windowCount: 0 });
    expect(report.errorBoxes).toEqual([{ title: 'SSO Setup Wizard could not start', content: expect.stringMatching(/failed as the test asked[\s\S]*npm run web/) }]);
    expect(stderr).toContain('SSO Setup Wizard could not start');
  });

  it('detects the deadlock of a top-level await on ready (the entry as it was before issue 10)', async () => {
    // Today's entry, reproduced: the same built file with its boot awaited at the top level.
    const source = readFileSync(entry, 'utf8');
    const fixed = 'app.whenReady().then(boot).catch(failToStart);';
    expect(source, 'the plant no longer matches the entry: update it').toContain(fixed);
    const planted = path.join(path.dirname(entry), `.standin-planted-${process.pid}.js`);
    writeFileSync(planted, source.replace(fixed, 'await app.whenReady(); await boot();'));
    try {
      const { report, code, stderr } = await boot(planted);
      expect(report).toMatchObject({ outcome: 'entry never finished evaluating', entryEvaluated: false, readyEmitted: false, windowCount: 0, ipcChannels: [] });
      // Node's own verdict on an import that can never settle.
      expect(code).toBe(13);
      expect(stderr).toContain('unsettled top-level await');
    } finally {
      rmSync(planted, { force: true });
    }
  });
});
