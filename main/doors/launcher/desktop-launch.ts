/**
 * `npm start`: the desktop window where Electron can run, browser mode (the same wizard on 127.0.0.1)
 * wherever it cannot, always saying why. The steps, in the order a user meets them:
 *   1. no display → browser mode;
 *   2. runtime not downloaded yet → electron's own installer, with progress; a failed download → browser mode
 *      with the installer's error;
 *   3. Electron started with the user's arguments, without ELECTRON_RUN_AS_NODE (inherited from a parent, it
 *      makes Electron run as plain Node), with Ctrl+C and termination signals passed on (as electron's own
 *      cli.js does);
 *   4. Electron cannot be started, or ends before its window opened (sandbox, display) → says why, then
 *      browser mode. A normal quit, or a second start handing over to the running window, just ends.
 * The window reports that it opened by creating the file named in SSO_WIZARD_WINDOW_SHOWN_FILE.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { explainEarlyDeath, missingDisplay } from './early-death.js';
import { runElectronInstaller } from './electron-installer.js';
import { findElectronRuntime } from './electron-runtime.js';
import { WINDOW_SHOWN_ENV } from './window-shown-signal.js';
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface LaunchDeps {
  /** The user's arguments (after `npm start --`). */
  args: string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The app folder Electron is started on (where package.json names the entry). */
  appRoot: string;
  /** Where the electron package is resolved from. */
  resolveFrom: string;
  out(text: string): void;
  err(text: string): void;
  /** Starts browser mode with the given CLI arguments and resolves with its exit code. */
  startBrowserMode(args: string[]): Promise<number>;
  /** The process whose signals are passed on to Electron. */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
}

export async function launchDesktop(deps: LaunchDeps): Promise<number> {
  const args = deps.args.filter((arg) => arg !== '--browser');
  const browserMode = (why: string | null, fix?: string) => {
    if (why) deps.out(`The desktop window cannot open: ${why}.\n${fix ? `${fix}\n` : ''}Starting browser mode instead - the same wizard, served only to this computer.\n\n`);
    return deps.startBrowserMode(['serve', ...args]);
  };
  if (deps.args.includes('--browser')) return browserMode(null);
  const noDisplay = missingDisplay(deps.env, deps.platform);
  if (noDisplay) return browserMode(noDisplay);

  let runtime = findElectronRuntime(deps.env, deps.resolveFrom);
  if (!runtime.found && runtime.installer) {
    const installed = await runElectronInstaller(runtime.installer, deps, deps.env);
    if (!installed.ok) {
      return browserMode(`the Electron runtime could not be downloaded: ${installed.error}`, 'npm start tries the download again next time (it needs github.com, or a mirror set in ELECTRON_MIRROR).');
    }
    runtime = findElectronRuntime(deps.env, deps.resolveFrom);
  }
  if (!runtime.found) return browserMode(runtime.reason);

  const ended = await runElectron(runtime.executable, args, deps);
  if (ended.kind === 'spawn-error') return browserMode(`${runtime.executable} could not be started (${ended.message})`);
  if (ended.windowShown || ended.stoppedByUser || ended.code === 0) return ended.code ?? (ended.signal ? 1 : 0);
  const death = explainEarlyDeath(ended.stderr, ended, runtime.executable);
  return browserMode(death.reason, death.fix);
}

type ElectronEnd =
  | { kind: 'spawn-error'; message: string }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; windowShown: boolean; stoppedByUser: boolean; stderr: string };

function runElectron(executable: string, args: string[], deps: LaunchDeps): Promise<ElectronEnd> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-launch-'));
  const shownFile = path.join(scratch, 'window-shown');
  const env: NodeJS.ProcessEnv = { ...deps.env, [WINDOW_SHOWN_ENV]: shownFile };
  delete env['ELECTRON_RUN_AS_NODE'];
  return new Promise((resolve) => {
    let stderr = '';
    let stoppedByUser = false;
    const child = spawn(executable, [deps.appRoot, ...args], { stdio: ['inherit', 'inherit', 'pipe'], env, windowsHide: false });
    const forward = (signal: NodeJS.Signals) => {
      stoppedByUser = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED_SIGNALS.map((signal) => [signal, () => forward(signal)] as const);
    for (const [signal, handler] of handlers) deps.signals.on(signal, handler);
    const finish = (end: ElectronEnd) => {
      for (const [signal, handler] of handlers) deps.signals.off(signal, handler);
      rmSync(scratch, { recursive: true, force: true });
      resolve(end);
    };
    child.stderr.on('data', (chunk: Buffer) => {
      deps.err(chunk.toString());
      stderr = (stderr + chunk.toString()).slice(-16_384);
    });
    child.on('error', (error) => finish({ kind: 'spawn-error', message: error.message }));
    child.on('close', (code, signal) => {
      finish({ kind: 'exited', code, signal, windowShown: existsSync(shownFile), stoppedByUser, stderr });
    });
  });
}
