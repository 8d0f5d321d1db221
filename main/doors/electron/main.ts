/**
 * The Electron shell: thin on purpose. It opens one hardened window on the app:// origin and wires IPC to
 * the same core the CLI and browser mode use. Electron security checklist: context isolation, sandbox, no
 * Node in the renderer, strict CSP, no navigation, no new windows, no permission but the clipboard write of
 * the app's own frame, checked IPC senders.
 *
 * Boot order. This entry is an ES module, and Electron emits `ready` only after the entry module has finished
 * evaluating: a top-level `await app.whenReady()` therefore waits for itself and no window ever opens
 * (electron/electron#40719; the ESM tutorial's warning, docs PR #41369). So the module does synchronously only
 * what must precede `ready` (sandbox, privileged scheme, single-instance lock, app events) and boots the rest
 * from `app.whenReady().then(…)`. ESLint forbids top-level await here (eslint.config.js); the boot stand-in
 * (test/main/doors/electron/boot.test.ts) runs the built entry in that order.
 */
import { app, BrowserWindow, dialog, net, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../app/core/create-core.js';
import { keytarKeychain } from '../../domains/certs/key-custody.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../shared/content-security-policy.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './trusted-sender.js';
import { readStaticAsset } from '../../platform/static-assets.js';
import { runInWorker } from '../../platform/worker-runner.js';
import { registerIpcHandlers } from './ipc-main.js';
import { withHealthNotifications } from './health-notifier.js';
import { printWithElectron } from './pdf-window.js';
import { isPermissionAllowed } from './permission-policy.js';
import { electronSigninBrowser, isSigninWebContents } from './signin-window.js';
import { dataDirFromArgs } from './data-dir-arg.js';
import { announceWindowShown } from '../launcher/window-shown-signal.js';

const distDir = fileURLToPath(new URL('../../../', import.meta.url));
const rendererDir = path.join(distDir, 'renderer');
const preloadFile = path.join(distDir, 'preload', 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// One wizard per user: a second start (a double click, or npm start again) focuses the running window instead
// of opening another process on the same data folder (app.requestSingleInstanceLock, Electron's app docs).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => {
    // The test sign-in window must follow the IdP's redirects and form posts; it has no preload and its own session.
    const stayInApp = (event: Electron.Event, url: string) => {
      if (!isSigninWebContents(contents) && !url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  // macOS keeps the app running without windows and gives the window back on a Dock click.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && mainWindow === null) createMainWindow().catch(failToStart);
  });
  app.whenReady().then(boot).catch(failToStart);
}

function boot(): Promise<void> {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame })),
  );
  appSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, { requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  // The app:// handler already sends the CSP; this repeats it for any response the session sees (defence in depth).
  appSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const asset = await readStaticAsset(rendererDir, url.pathname);
    if (!asset) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(asset.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': asset.type } });
  });

  // userData is <appData>/SSO Setup Wizard, the same folder the CLI and browser mode use; --data-dir and
  // SSO_WIZARD_DATA_DIR choose another, as they do for the CLI.
  const dataOverride = dataDirFromArgs(process.argv) ?? process.env['SSO_WIZARD_DATA_DIR'];
  const core = createCore({
    frontDoor: 'electron',
    dataDir: dataOverride ? path.resolve(dataOverride) : app.getPath('userData'),
    outside: {
      keychain: keytarKeychain(),
      // Test sign-ins open in an isolated window of the app, in front of the wizard's own window.
      signinBrowser: electronSigninBrowser(() => mainWindow ?? undefined),
      printPdf: printWithElectron,
      // Electron's network stack: the system's proxy settings and certificate store, as the admin's browser has.
      fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
      // Untrusted files are parsed on a worker thread, so the window's requests are answered meanwhile.
      runParser: runInWorker,
    },
  });
  registerIpcHandlers(withHealthNotifications(core.dispatch));
  return createMainWindow();
}

async function createMainWindow(): Promise<void> {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 560,
    title: 'SSO Setup Wizard',
    show: false,
    webPreferences: {
      // Reviewed (electronegativity PRELOAD_JS_CHECK, manual review): the preload is bundled, runs sandboxed with
      // context isolation, and exposes one method per contract channel - never ipcRenderer itself.
      /* eng-disable PRELOAD_JS_CHECK */ preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click opens links in new windows; the wizard has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => {
    window.show();
    announceWindowShown();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** A boot that fails says why in a box and ends the process: never a hang with no window. */
function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`SSO Setup Wizard could not start: ${message}\n`);
  dialog.showErrorBox(
    'SSO Setup Wizard could not start',
    `${message}\n\nStart it again. If this repeats, use browser mode instead: npm run web (or sso-wizard serve).`,
  );
  app.exit(1);
}
