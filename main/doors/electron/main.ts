/**
 * The Electron shell: thin on purpose. It opens one hardened window on the app:// origin and wires IPC to
 * the same core the CLI and browser mode use. Electron security checklist: context isolation, sandbox, no
 * Node in the renderer, strict CSP, no navigation, no new windows, no permissions, checked IPC senders.
 */
import { app, BrowserWindow, net, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../app/core/create-core.js';
import { keytarKeychain } from '../../domains/certs/key-custody.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../shared/content-security-policy.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './trusted-sender.js';
import { readStaticAsset } from '../../platform/static-assets.js';
import { registerIpcHandlers } from './ipc-main.js';
import { printWithElectron } from './pdf-window.js';
import { electronSigninBrowser, isSigninWebContents } from './signin-window.js';

const distDir = fileURLToPath(new URL('../../../', import.meta.url));
const rendererDir = path.join(distDir, 'renderer');
const preloadFile = path.join(distDir, 'preload', 'preload.cjs');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

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

async function createWindow(): Promise<void> {
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
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

await app.whenReady();

const appSession = session.defaultSession;
appSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
appSession.setPermissionCheckHandler(() => false);
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

// userData is <appData>/SSO Setup Wizard, the same folder the CLI and browser mode use; the override is for tests.
const dataOverride = process.env['SSO_WIZARD_DATA_DIR'];
const core = createCore({
  frontDoor: 'electron',
  dataDir: dataOverride ? path.resolve(dataOverride) : app.getPath('userData'),
  outside: {
    keychain: keytarKeychain(),
    // Test sign-ins open in an isolated window of the app instead of an external browser.
    signinBrowser: electronSigninBrowser(() => BrowserWindow.getAllWindows()[0]),
    printPdf: printWithElectron,
    // Electron's network stack: the system's proxy settings and certificate store, as the admin's browser has.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
  },
});
registerIpcHandlers(core.dispatch);
await createWindow();

app.on('window-all-closed', () => app.quit());
