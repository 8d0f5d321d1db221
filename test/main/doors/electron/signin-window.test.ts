/**
 * The desktop sign-in window's CDP sequence, with the electron STAND-IN (test/support/electron-standin): its
 * debugger, like Electron's, holds every command until something has been loaded in the window
 * (electron/electron#14810). The page behind it is scripted: after Page.navigate it "posts" a SAML response
 * to the ACS URL, as an IdP's auto-submitting form does. This is not Electron; the capture itself is tested
 * against real Chromium in test/main/domains/signin.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TestSigninRun, type SigninRunnerDeps, type SigninRunSettings } from '../../../../main/domains/signin/test-signin-runner.js';
import type { SigninBrowser } from '../../../../main/domains/signin/cdp-session.js';

vi.mock('electron', () => import('../../../support/electron-standin/electron.js'));

const electron = await import('../../../support/electron-standin/electron.js');
const { openSigninWindow } = await import('../../../../main/doors/electron/signin-window.js');

const ACS = 'https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet';
const SETTINGS: SigninRunSettings = {
  sp: { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: ACS },
  idp: { entityId: 'http://adfs.example.com/adfs/services/trust', ssoUrl: 'https://adfs.example.com/adfs/ls/', certificatesPem: [] },
  initiation: 'sp',
  forwardToSite: false,
  timeoutMs: 60_000,
};

function deps(openBrowser: () => Promise<SigninBrowser>, overrides: Partial<SigninRunnerDeps<{ response: string }>> = {}): SigninRunnerDeps<{ response: string }> {
  return {
    openBrowser,
    buildAuthnRequest: () => ({ id: '_req1', redirectUrl: 'https://adfs.example.com/adfs/ls/?SAMLRequest=abc' }),
    validate: (request) => ({ response: request.samlResponse }),
    summarise: () => ({ signsIn: true, subject: 'alice@example.com', codes: [] }),
    decodePage: () => ({ codes: [], note: '' }),
    now: () => new Date('2026-11-30T12:00:00Z'),
    schedule: (ms, task) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    ...overrides,
  };
}

/** The newest sign-in window the stand-in made. */
function lastWindow() {
  const window = electron.standin.windows.at(-1);
  if (!window) throw new Error('no window was opened');
  return window;
}

/** A page that answers like Chromium and, once navigated, posts SAMLResponse=UkVTUE9OU0U= to the ACS URL. */
function scriptIdpPostingTo(acsUrl: string): void {
  const { debugger: cdp } = lastWindow().webContents;
  cdp.script = (method) => {
    if (method === 'Page.navigate') {
      setImmediate(() =>
        cdp.deliver('Fetch.requestPaused', {
          requestId: 'fetch-1',
          resourceType: 'Document',
          request: { url: acsUrl, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, postDataEntries: [{ bytes: Buffer.from('SAMLResponse=UkVTUE9OU0U%3D').toString('base64') }] },
        }),
      );
      return { frameId: 'main', loaderId: 'l1' };
    }
    return {};
  };
}

beforeAll(() => {
  electron.emitReady();
});

describe('the desktop sign-in window (electron stand-in)', () => {
  it('loads a page before its first CDP command, so a debugger that holds commands until then answers, and the run completes', async () => {
    const opening = openSigninWindow();
    const run = new TestSigninRun('run-1', SETTINGS, deps(async () => {
      const browser = await opening;
      scriptIdpPostingTo(ACS);
      return browser;
    }));
    const result = await run.done;
    expect(result).toMatchObject({ outcome: 'checked', verdict: 'would-sign-in', subject: 'alice@example.com', report: { response: 'UkVTUE9OU0U=' } });
    const calls = electron.standin.calls;
    expect(calls.indexOf('webContents.loadURL:about:blank')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('webContents.loadURL:about:blank')).toBeLessThan(calls.indexOf('cdp:Page.enable'));
    expect(calls.indexOf('cdp:Page.enable')).toBeLessThan(calls.indexOf('cdp:Page.navigate'));
    expect(lastWindow().isDestroyed()).toBe(true);
    expect(calls).toContain('session.clearStorageData:signin');
  });

  it('reuses one in-memory session for every run, wiped after each (Electron never frees a session)', async () => {
    const before = electron.standin.calls.length;
    for (const id of ['run-a', 'run-b']) {
      const run = new TestSigninRun(id, SETTINGS, deps(async () => {
        const browser = await openSigninWindow();
        scriptIdpPostingTo(ACS);
        return browser;
      }));
      expect((await run.done).outcome).toBe('checked');
    }
    const calls = electron.standin.calls.slice(before);
    expect(new Set(calls.filter((call) => call.startsWith('session.fromPartition:')))).toEqual(new Set(['session.fromPartition:signin']));
    expect(calls.filter((call) => call === 'session.clearStorageData:signin')).toHaveLength(2);
    expect(calls.filter((call) => call === 'session.clearAuthCache:signin')).toHaveLength(2);
  });

  /** A window whose debugger never answers: nothing was ever loaded in it (what the old code did). */
  async function unansweredWindow(): Promise<SigninBrowser> {
    const window = new electron.BrowserWindow({ show: false });
    const cdp = window.webContents.debugger;
    cdp.attach('1.3');
    return {
      name: 'sign-in window',
      closed: new Promise<void>((resolve) => window.once('closed', () => resolve())),
      session: { send: async (method, params) => (await cdp.sendCommand(method, params)) as Record<string, unknown>, on: () => () => undefined, close: () => cdp.detach() },
      close: async () => window.destroy(),
    };
  }

  it('cancel ends a run whose commands are never answered, and closes the window', async () => {
    const run = new TestSigninRun('run-cancel', SETTINGS, deps(unansweredWindow));
    while (!electron.standin.calls.includes('cdp:Page.enable') || lastWindow().webContents.debugger.heldCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    run.cancel();
    expect(await run.done).toMatchObject({ outcome: 'cancelled' });
    expect(lastWindow().isDestroyed()).toBe(true);
  });

  it('the set-up guard ends a run whose commands are never answered, saying the window was not ready', async () => {
    // The guard is at least SETUP_GUARD_MS (30 s) in real time; this scheduler runs every timer after 20 ms.
    const fast = { schedule: (_ms: number, task: () => void) => { const timer = setTimeout(task, 20); return () => clearTimeout(timer); } };
    const run = new TestSigninRun('run-timeout', { ...SETTINGS, timeoutMs: 20 }, deps(unansweredWindow, fast));
    expect(await run.done).toMatchObject({ outcome: 'timeout', message: 'The sign-in window was not ready after 30 seconds; it was closed.' });
    expect(lastWindow().isDestroyed()).toBe(true);
  });

  it('an HTTP authentication challenge is refused and reported as a clear finding, not a bare 401', async () => {
    const callback = vi.fn();
    const run = new TestSigninRun('run-auth', SETTINGS, deps(async () => {
      const browser = await openSigninWindow();
      const contents = lastWindow().webContents;
      contents.debugger.script = (method) => {
        if (method === 'Page.navigate') {
          setImmediate(() => contents.emit('login', { preventDefault: () => undefined }, { url: 'https://adfs.example.com/adfs/ls/' }, { isProxy: false, scheme: 'negotiate', host: 'adfs.example.com', port: 443, realm: '' }, callback));
        }
        return {};
      };
      return browser;
    }));
    const result = await run.done;
    expect(callback).toHaveBeenCalledWith();
    expect(result.outcome).toBe('error-page');
    expect(result.message).toMatch(/adfs\.example\.com\) asked for Windows authentication \(HTTP 401\)/);
    expect(result.hint).toMatch(/Forms Authentication/);
    expect(result.errorPage).toMatchObject({ status: 401, url: 'https://adfs.example.com/adfs/ls/' });
  });

  it('a debugger detached by DevTools is reported, and ends the run', async () => {
    const run = new TestSigninRun('run-detach', SETTINGS, deps(async () => {
      const browser = await openSigninWindow();
      const contents = lastWindow().webContents;
      contents.debugger.script = (method) => {
        if (method === 'Page.navigate') setImmediate(() => contents.debugger.emit('detach', { preventDefault: () => undefined }, 'replaced_with_devtools'));
        return {};
      };
      return browser;
    }));
    const result = await run.done;
    expect(result).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/debugger was detached \(replaced_with_devtools\).*DevTools/) });
    expect(lastWindow().isDestroyed()).toBe(true);
  });
});
