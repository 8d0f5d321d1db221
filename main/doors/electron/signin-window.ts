/**
 * The desktop app's sign-in window for the live test sign-in (step 5): a BrowserWindow with its own
 * in-memory session (a partition without "persist:", so cookies and cache vanish with it and never mix with
 * the app's), no preload, no Node, sandboxed. Its `webContents.debugger` speaks the same Chrome DevTools
 * Protocol as browser mode's pipe, so the one capture implementation (main/domains/signin/response-capture.ts) runs
 * on it unchanged.
 *
 * Wiring (main.ts): hand electronSigninBrowser() to the core, and let the app-wide navigation guard skip sign-in
 * windows (isSigninWebContents): the sign-in window must follow the IdP's redirects and form posts.
 */
import { BrowserWindow, session, type WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import type { Outside } from '../../app/core/outside.js';
import type { CdpSession, SigninBrowser } from '../../domains/signin/cdp-session.js';

const signinContents = new WeakSet<WebContents>();

/** True for the web contents of a sign-in window (the app's navigation guard must let these navigate). */
export function isSigninWebContents(contents: WebContents): boolean {
  return signinContents.has(contents);
}

export async function openSigninWindow(parent?: BrowserWindow): Promise<SigninBrowser> {
  const partition = `signin-${randomBytes(12).toString('hex')}`;
  const signinSession = session.fromPartition(partition, { cache: false });
  signinSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  signinSession.setPermissionCheckHandler(() => false);

  const window = new BrowserWindow({
    width: 1000,
    height: 760,
    title: 'Test sign-in - SSO Setup Wizard',
    ...(parent ? { parent } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      session: signinSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No middle-click windows either (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = window.webContents;
  signinContents.add(contents);
  // IdP pages sometimes open pop-ups (help, password reset): they are not part of the test.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const closed = new Promise<void>((resolve) => {
    window.once('closed', () => resolve());
    contents.once('render-process-gone', () => resolve());
  });

  const debuggerApi = contents.debugger;
  debuggerApi.attach('1.3');
  const cdp: CdpSession = {
    send: async (method, params) => (await debuggerApi.sendCommand(method, params ?? {})) as Record<string, unknown>,
    on: (event, handler) => {
      const listener = (_event: Electron.Event, method: string, params: unknown) => {
        if (method === event) handler((params ?? {}) as Record<string, unknown>);
      };
      debuggerApi.on('message', listener);
      return () => debuggerApi.off('message', listener);
    },
    close: () => {
      debuggerApi.removeAllListeners('message');
      if (!contents.isDestroyed() && debuggerApi.isAttached()) debuggerApi.detach();
    },
  };
  window.show();

  let closing: Promise<void> | undefined;
  return {
    session: cdp,
    closed,
    name: 'sign-in window',
    close: () =>
      (closing ??= (async () => {
        if (!window.isDestroyed()) window.destroy();
        // Nothing of the test sign-in (IdP session cookies) outlives it.
        await signinSession.clearStorageData().catch(() => undefined);
      })()),
  };
}

/** The desktop app's test sign-ins open in a sign-in window of the app instead of an external browser. */
export function electronSigninBrowser(getParent: () => BrowserWindow | undefined): Outside['signinBrowser'] {
  return {
    open: () => openSigninWindow(getParent()),
    readiness: () => ({ available: true, name: 'sign-in window', message: 'The sign-in opens in a separate window of the app.', hint: '' }),
  };
}
