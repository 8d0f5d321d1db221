/**
 * The launcher (npm start) against a STAND-IN electron package: its installer and its "Electron" are small
 * Node scripts (test/support/electron-standin/fake-electron-package.ts) run as real processes. Browser mode
 * itself is recorded, not started (test/e2e covers it).
 */
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchDesktop, type LaunchDeps } from '../../../../main/doors/launcher/desktop-launch.js';
import { makeFakeElectronPackage } from '../../../support/electron-standin/fake-electron-package.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs('sso-wizard-launch-test-');

interface Run {
  code: number;
  out: string;
  err: string;
  browserMode: string[][];
  record: { argv: string[]; runAsNode: string | null; signal?: string } | null;
  installerRan: boolean;
}

function setUp(options: { installed: boolean; env?: NodeJS.ProcessEnv; args?: string[]; platform?: NodeJS.Platform }) {
  const root = tempDir();
  const fake = makeFakeElectronPackage(root, { installed: options.installed });
  const recordFile = path.join(root, 'record.json');
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  const browserMode: string[][] = [];
  const deps: LaunchDeps = {
    args: options.args ?? [],
    env: { PATH: process.env['PATH'], DISPLAY: ':99', FAKE_ELECTRON_RECORD: recordFile, ...options.env },
    platform: options.platform ?? 'linux',
    appRoot: '/path/to/app',
    resolveFrom: fake.resolveFrom,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    startBrowserMode: async (args) => (browserMode.push(args), 0),
    signals: signals as unknown as LaunchDeps['signals'],
  };
  const run = async (): Promise<Run> => {
    const code = await launchDesktop(deps);
    return {
      code,
      out,
      err,
      browserMode,
      record: existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as Run['record']) : null,
      installerRan: existsSync(path.join(fake.packageDir, 'installer-ran')),
    };
  };
  return { run, signals, recordFile, fake, root };
}

/** Resolves once the fake Electron has written its record (it is running). */
async function started(recordFile: string): Promise<void> {
  while (!existsSync(recordFile)) await new Promise((resolve) => setImmediate(resolve));
}

describe('npm start (launchDesktop)', () => {
  it('first start: runs electron\'s installer when the runtime is missing, shows its progress, then opens the window', async () => {
    const { run, signals, recordFile } = setUp({ installed: false, env: { FAKE_ELECTRON_MODE: 'window' } });
    const running = run();
    await started(recordFile);
    signals.emit('SIGTERM');
    const result = await running;
    expect(result.installerRan).toBe(true);
    expect(result.out).toMatch(/Downloading the Electron runtime.*once, from GitHub/);
    expect(result.err).toContain('Downloading electron-v45.5.0-linux-x64.zip: [==========] 100%');
    expect(result.out).toMatch(/Electron runtime downloaded in \d+ s/);
    expect(result.browserMode).toEqual([]);
    expect(result.record?.signal).toBe('SIGTERM');
    expect(result.code).toBe(0);
  });

  it('download failure: browser mode, with the installer\'s own error', async () => {
    const { run } = setUp({ installed: false, env: { FAKE_INSTALL: 'fail', FAKE_ELECTRON_MODE: 'window' } });
    const result = await run();
    expect(result.installerRan).toBe(true);
    expect(result.out).toContain('The desktop window cannot open: the Electron runtime could not be downloaded: RequestError: getaddrinfo ENOTFOUND github.com.');
    expect(result.out).not.toMatch(/ at ClientRequest/);
    expect(result.out).toContain('Starting browser mode instead');
    expect(result.browserMode).toEqual([['serve']]);
    expect(result.record).toBeNull();
  });

  it('passes the user\'s arguments on, drops ELECTRON_RUN_AS_NODE, and forwards Ctrl+C', async () => {
    const { run, signals, recordFile } = setUp({ installed: true, args: ['--data-dir', '/tmp/x'], env: { FAKE_ELECTRON_MODE: 'window', ELECTRON_RUN_AS_NODE: '1' } });
    const running = run();
    await started(recordFile);
    signals.emit('SIGINT');
    const result = await running;
    expect(result.installerRan).toBe(false);
    expect(result.record).toMatchObject({ argv: ['/path/to/app', '--data-dir', '/tmp/x'], runAsNode: null, signal: 'SIGINT' });
    expect(result.browserMode).toEqual([]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('a normal quit before any window (a second start handing over to the first) just ends', async () => {
    const result = await setUp({ installed: true, env: { FAKE_ELECTRON_MODE: 'quit' } }).run();
    expect(result).toMatchObject({ code: 0, browserMode: [] });
    expect(result.out).toBe('');
  });

  it.each([
    { mode: 'sandbox', says: /sandbox cannot start.*Ubuntu 24\.04[\s\S]*sudo chown root:root ".*chrome-sandbox" && sudo chmod 4755/ },
    { mode: 'no-display', says: /found no display/ },
    { mode: 'other', says: /stopped before its window opened \(exit code 3\); its last words: something unexpected went wrong/ },
  ])('Electron dying at start ($mode): says why, then browser mode', async ({ mode, says }) => {
    const result = await setUp({ installed: true, args: ['--no-open'], env: { FAKE_ELECTRON_MODE: mode } }).run();
    expect(result.record).not.toBeNull();
    expect(result.out).toMatch(says);
    expect(result.out).toContain('Starting browser mode instead');
    expect(result.browserMode).toEqual([['serve', '--no-open']]);
  });

  it('no display at all: browser mode without trying Electron', async () => {
    const { run } = setUp({ installed: true, env: { DISPLAY: '', FAKE_ELECTRON_MODE: 'window' } });
    const result = await run();
    expect(result.out).toContain('neither DISPLAY nor WAYLAND_DISPLAY is set');
    expect(result.record).toBeNull();
    expect(result.browserMode).toEqual([['serve']]);
  });

  it('an Electron that cannot be started (not executable): says so, then browser mode', async () => {
    const { run, root } = setUp({ installed: true, env: { FAKE_ELECTRON_MODE: 'window' } });
    const dist = path.join(root, 'node_modules', 'electron', 'dist', 'electron');
    writeFileSync(dist, 'not a program');
    chmodSync(dist, 0o644);
    const result = await run();
    expect(result.out).toMatch(/could not be started \(spawn .*EACCES\)/);
    expect(result.browserMode).toEqual([['serve']]);
  });

  it('--browser asks for browser mode directly, saying nothing', async () => {
    const result = await setUp({ installed: true, args: ['--browser', '--no-open'], env: { FAKE_ELECTRON_MODE: 'window' } }).run();
    expect(result).toMatchObject({ out: '', browserMode: [['serve', '--no-open']], record: null });
  });
});
