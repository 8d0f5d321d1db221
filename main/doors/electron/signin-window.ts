/**
 * The desktop app's sign-in window for the live test sign-in (step 5): a BrowserWindow with its own
 * in-memory session (a partition without "persist:", so cookies and cache never reach the disk nor mix with
 * the app's), no preload, no Node, sandboxed. One partition serves every run (one run at a time) and is wiped
 * after each: Electron never frees a session it has made, so one per run would pile up for the app's life. Its `webContents.debugger` speaks the same Chrome DevTools
 * Protocol as browser mode's pipe, so the one capture implementation (main/domains/signin/response-capture.ts) runs
 * on it unchanged.
 *
 * The window loads about:blank before the capture starts: Electron's debugger answers no command (Page.enable
 * first) until something has been loaded in the window (electron/electron#14810, #14822; docs PR #53114).
 * What only the host sees reaches the run as HOST_PROBLEM_EVENT: an HTTP authentication challenge (AD FS
 * Windows authentication off the domain would otherwise end as a bare 401) and a debugger detached by DevTools.
 *
 * Wiring (main.ts): hand electronSigninBrowser() to the core, and let the app-wide navigation guard skip sign-in
 * windows (isSigninWebContents): they must follow the IdP's redirects and form posts.
 */
import { BrowserWindow, session, type WebContents } from 'electron';
import { EventEmitter } from 'node:events';
import type { Outside } from '../../app/core/outside.js';
import type { CdpSession, SigninBrowser } from '../../domains/signin/cdp-session.js';
import { HOST_PROBLEM_EVENT, type HostProblem } from '../../domains/signin/test-signin-runner.js';

/** In memory (no "persist:" prefix), shared by the runs one after another, wiped after each. */
const SIGNIN_PARTITION = 'signin';

const signinContents = new WeakSet<WebContents>();

/** True for the web contents of a sign-in window (the app's navigation guard must let these navigate). */
export function isSigninWebContents(contents: WebContents): boolean {
  return signinContents.has(contents);
}

export async function openSigninWindow(parent?: BrowserWindow): Promise<SigninBrowser> {
  const signinSession = session.fromPartition(SIGNIN_PARTITION, { cache: false });
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

  const hostEvents = new EventEmitter();
  const reportProblem = (problem: HostProblem) => hostEvents.emit(HOST_PROBLEM_EVENT, problem);
  // An HTTP authentication challenge (Negotiate/NTLM from AD FS Windows authentication, Basic, a proxy): the
  // window has no prompt, so it is refused and reported instead of ending as an unexplained 401.
  contents.on('login', (event, details, authInfo, callback) => {
    event.preventDefault();
    callback();
    reportProblem(authenticationProblem(details.url, authInfo));
  });

  // Something must be loaded before the debugger answers (electron#14810): the run navigates from here.
  await contents.loadURL('about:blank').catch(() => undefined);
  const debuggerApi = contents.debugger;
  debuggerApi.attach('1.3');
  let detaching = false;
  debuggerApi.on('detach', (_event, reason) => {
    if (detaching || contents.isDestroyed() || reason === 'target closed') return;
    reportProblem({
      message: `The capture stopped: the sign-in window's debugger was detached (${reason}), which happens when DevTools is opened on that window.`,
      hint: 'Close DevTools and press Test sign-in again.',
    });
  });
  const cdp: CdpSession = {
    send: async (method, params) => (await debuggerApi.sendCommand(method, params ?? {})) as Record<string, unknown>,
    on: (event, handler) => {
      if (event === HOST_PROBLEM_EVENT) {
        const problem = (params: HostProblem) => handler(params as unknown as Record<string, unknown>);
        hostEvents.on(HOST_PROBLEM_EVENT, problem);
        return () => hostEvents.off(HOST_PROBLEM_EVENT, problem);
      }
      const listener = (_event: Electron.Event, method: string, params: unknown) => {
        if (method === event) handler((params ?? {}) as Record<string, unknown>);
      };
      debuggerApi.on('message', listener);
      return () => debuggerApi.off('message', listener);
    },
    close: () => {
      debuggerApi.removeAllListeners('message');
      hostEvents.removeAllListeners();
      detaching = true;
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
        // Nothing of the test sign-in (IdP session cookies, HTTP credentials) outlives it.
        await signinSession.clearStorageData().catch(() => undefined);
        await signinSession.clearAuthCache().catch(() => undefined);
      })()),
  };
}

/** What the run reports when the IdP (or a proxy) asks for HTTP authentication. */
export function authenticationProblem(url: string, authInfo: { isProxy: boolean; scheme: string; host: string; realm: string }): HostProblem {
  const scheme = authInfo.scheme ? authInfo.scheme.charAt(0).toUpperCase() + authInfo.scheme.slice(1) : 'HTTP';
  if (authInfo.isProxy) {
    return {
      message: `The proxy ${authInfo.host} asked for ${scheme} authentication, which the sign-in window does not answer.`,
      hint: 'Let this computer reach the identity provider without an authenticating proxy (or allow it to pass without credentials), then press Test sign-in again.',
    };
  }
  const windowsAuth = /^(negotiate|ntlm|kerberos)$/i.test(authInfo.scheme);
  return {
    message: `The identity provider (${authInfo.host}) asked for ${windowsAuth ? 'Windows' : scheme} authentication (HTTP 401) instead of showing its sign-in page; the sign-in window does not answer it.`,
    hint: windowsAuth
      ? 'AD FS uses Windows Integrated Authentication for this browser. From a computer outside the domain, enable Forms Authentication in the AD FS authentication policy (intranet and extranet), or run the test from a domain-joined computer; then press Test sign-in again.'
      : `Check the authentication the server at ${authInfo.host} requires for ${url}; the SAML sign-in page should not need HTTP authentication.`,
    page: { source: 'idp', url, status: 401, title: `${scheme} authentication requested`, excerpt: '', codes: [], note: '' },
  };
}

/** The desktop app's test sign-ins open in a sign-in window of the app, in front of the wizard's window (never a hidden one). */
export function electronSigninBrowser(getParent: () => BrowserWindow | undefined): Outside['signinBrowser'] {
  return {
    open: () => openSigninWindow(getParent()),
    readiness: () => ({ available: true, name: 'sign-in window', message: 'The sign-in opens in a separate window of the app.', hint: '' }),
  };
}
