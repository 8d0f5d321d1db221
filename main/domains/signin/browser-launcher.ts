/**
 * Browser mode's sign-in window: a Chromium-family browser started with a throw-away profile (so no cookies,
 * saved passwords or extensions of the user's own browser take part, and nothing of the test stays behind),
 * driven over --remote-debugging-pipe. Every browser started here is ended when the run ends, and when this
 * process exits, so no process is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findBrowser, type FoundBrowser } from '../../platform/browser-finder.js';
import { CdpPipeConnection } from './cdp-pipe-connection.js';
import { SigninBrowserUnavailable, type OpenSigninBrowser, type SigninBrowser } from './cdp-session.js';

/** Flags that keep a fresh profile quiet: no first-run UI, no background traffic (toolchain notes). */
export const QUIET_BROWSER_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--password-store=basic',
  '--use-mock-keychain',
];

export interface LaunchOptions {
  browser: FoundBrowser;
  /** Test hooks, read from SSO_WIZARD_SIGNIN_HEADLESS and SSO_WIZARD_SIGNIN_DEBUG_PORT by the default opener. */
  headless?: boolean;
  debugPort?: number;
  isRoot?: boolean;
  /** Linux needs a display for a visible window. */
  hasDisplay?: boolean;
  startTimeoutMs?: number;
}

/** Running sign-in browsers and their throw-away profile folders. */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

/** Last resort: if the wizard itself exits, its sign-in browsers go with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [child, userDataDir] of live) {
      child.kill('SIGKILL');
      removeProfileAtExit(userDataDir);
    }
  });
}

/**
 * Only synchronous work runs in an exit handler, and the killed browser may still write for a moment; if the
 * folder survives, a detached one-line Node process removes it a second later, after the browser is gone.
 */
function removeProfileAtExit(userDataDir: string): void {
  try {
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  } catch {
    /* retried below */
  }
  if (!existsSync(userDataDir)) return;
  const script = `setTimeout(() => require('node:fs').rmSync(${JSON.stringify(userDataDir)}, { recursive: true, force: true, maxRetries: 10 }), 1000)`;
  spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' }).unref();
}

/** How many sign-in browsers this process is running (tests check that none is left behind). */
export function liveBrowserCount(): number {
  return live.size;
}

export function browserArguments(options: LaunchOptions, userDataDir: string): string[] {
  const args = [`--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', ...QUIET_BROWSER_FLAGS, '--window-size=1000,760'];
  // The sandbox needs unprivileged user namespaces, which root cannot use; everywhere else keep it.
  if (options.isRoot) args.push('--no-sandbox');
  if (options.headless) args.push('--headless=new', '--disable-gpu');
  if (options.debugPort !== undefined) args.push(`--remote-debugging-port=${options.debugPort}`);
  args.push('about:blank');
  return args;
}

export async function launchSigninBrowser(options: LaunchOptions): Promise<SigninBrowser> {
  if (!options.headless && options.hasDisplay === false) {
    throw new SigninBrowserUnavailable(
      'There is no graphical display, so the sign-in window cannot be shown.',
      'Run the wizard on a desktop session (or forward X11/Wayland), then press Test sign-in again.',
    );
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sso-wizard-signin-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
  let child: ChildProcess;
  try {
    child = spawn(options.browser.executablePath, browserArguments(options, userDataDir), {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: false,
    });
  } catch (error) {
    await removeProfile();
    throw unavailable(options.browser, (error as Error).message);
  }
  installExitHook();
  live.set(child, userDataDir);
  // The browser must not keep the wizard alive: when the wizard stops (Ctrl+C in browser mode) Node exits
  // and the exit hook ends the browser, instead of both waiting for each other.
  child.unref();
  for (const stream of [child.stdio[2], child.stdio[3], child.stdio[4]]) (stream as { unref?: () => void } | null)?.unref?.();
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  void exited.then(() => live.delete(child));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const connection = new CdpPipeConnection(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await Promise.race([connection.send('Browser.close').catch(() => undefined), delay(2000)]);
      const gone = await Promise.race([exited.then(() => true), delay(3000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await removeProfile();
  };

  try {
    const attached = await Promise.race([
      attachToFirstPage(connection),
      spawnError.then((error) => Promise.reject(unavailable(options.browser, error.message))),
      exited.then(() => Promise.reject(unavailable(options.browser, `it exited at once. ${lastLine(stderrTail)}`))),
      delay(options.startTimeoutMs ?? 20_000).then(() => Promise.reject(unavailable(options.browser, 'it did not open a page within 20 seconds'))),
    ]);
    const session = connection.session(attached.sessionId);
    const closed = new Promise<void>((resolve) => {
      connection.onClose(resolve);
      void exited.then(resolve);
      connection.on('Target.targetDestroyed', '', (params) => {
        if (params['targetId'] === attached.targetId) resolve();
      });
      connection.on('Target.detachedFromTarget', '', (params) => {
        if (params['sessionId'] === attached.sessionId) resolve();
      });
    });
    let closing: Promise<void> | undefined;
    return {
      session,
      closed,
      name: options.browser.name,
      close: () => (closing ??= kill()),
    };
  } catch (error) {
    await kill();
    throw error;
  }
}

async function attachToFirstPage(connection: CdpPipeConnection): Promise<{ targetId: string; sessionId: string }> {
  await connection.send('Target.setDiscoverTargets', { discover: true });
  let targetId: string | undefined;
  for (let attempt = 0; attempt < 50 && targetId === undefined; attempt++) {
    const { targetInfos } = (await connection.send('Target.getTargets')) as { targetInfos?: { targetId: string; type: string }[] };
    targetId = targetInfos?.find((info) => info.type === 'page')?.targetId;
    if (targetId === undefined) await delay(100);
  }
  if (targetId === undefined) {
    targetId = ((await connection.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
  }
  const { sessionId } = (await connection.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  return { targetId, sessionId };
}

function unavailable(browser: FoundBrowser, reason: string): SigninBrowserUnavailable {
  return new SigninBrowserUnavailable(
    `${browser.name} (${browser.executablePath}) could not be started for the sign-in window: ${reason}`.trim(),
    'Check that this browser starts on its own; or set CHROME_PATH to another Chrome, Edge or Chromium and press Test sign-in again.',
  );
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Browser mode's default: find a browser, honour the test-only environment hooks, launch it. */
export function browserModeOpener(env: NodeJS.ProcessEnv = process.env): OpenSigninBrowser {
  return async () => {
    const search = findBrowser(env);
    if (!search.found) throw new SigninBrowserUnavailable(search.message, search.hint);
    const port = env['SSO_WIZARD_SIGNIN_DEBUG_PORT'];
    return launchSigninBrowser({
      browser: search.browser,
      headless: env['SSO_WIZARD_SIGNIN_HEADLESS'] === '1',
      ...(port ? { debugPort: Number(port) } : {}),
      isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
      hasDisplay: process.platform !== 'linux' || !!(env['DISPLAY'] || env['WAYLAND_DISPLAY']),
    });
  };
}
