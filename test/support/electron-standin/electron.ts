/**
 * A STAND-IN for the `electron` module, not Electron. Electron's runtime cannot be downloaded on the machines
 * these tests run on, so this module plays the few parts of Electron's main-process API the desktop door uses,
 * typed against electron.d.ts, and records what the door does with them. It reproduces two documented
 * behaviours the door depends on:
 *   - boot order: `ready` (and app.whenReady()) come only after the ESM entry has finished evaluating
 *     (electron/electron#40719, docs PR #41369); the boot runner (boot-runner.ts) emits it at that moment;
 *   - webContents.debugger holds commands until something has been loaded in the window
 *     (electron/electron#14810, #14822, docs PR #53114).
 * Everything else is plain recording. What passes here has still never run in Electron itself: that is
 * test/e2e/electron.spec.ts, on a machine where the runtime can be downloaded.
 *
 * Written in erasable TypeScript only, so Node runs it as it is (type stripping) in the boot runner.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as ElectronModule from 'electron';

type Electron = typeof ElectronModule;
type Handler = (...args: never[]) => unknown;

/** Everything the door did, for the tests to read. */
export const standin = {
  calls: [] as string[],
  readyEmitted: false,
  sandboxEnabled: false,
  privilegedSchemes: [] as string[],
  singleInstanceLock: true,
  quitCalled: false,
  exitCode: null as number | null,
  errorBoxes: [] as { title: string; content: string }[],
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  windows: [] as StandinBrowserWindow[],
  printed: [] as { url: string; html: string | null }[],
  /** Set by a test to make one API throw, to see the door fail cleanly. */
  failOn: null as string | null,
};

function record(call: string): void {
  standin.calls.push(call);
  if (standin.failOn === call) throw new Error(`stand-in: ${call} failed as the test asked`);
}

let markReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

class StandinApp extends EventEmitter {
  enableSandbox(): void {
    record('app.enableSandbox');
    standin.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return standin.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady');
    return readyPromise;
  }
  isReady(): boolean {
    return standin.readyEmitted;
  }
  getPath(name: string): string {
    record(`app.getPath:${name}`);
    return `/nonexistent/standin-${name}`;
  }
  quit(): void {
    record('app.quit');
    standin.quitCalled = true;
    this.emit('quit-requested');
  }
  exit(code = 0): void {
    record('app.exit');
    standin.exitCode = code;
    this.emit('quit-requested');
  }
}

export const app = new StandinApp() satisfies Pick<ElectronModule.App, 'enableSandbox' | 'requestSingleInstanceLock' | 'whenReady' | 'isReady' | 'getPath' | 'quit' | 'exit'>;

/** What Electron does once the entry module has evaluated: emit `ready` and settle whenReady(). */
export function emitReady(): void {
  standin.readyEmitted = true;
  markReady();
  app.emit('ready');
}

export class StandinDebugger extends EventEmitter {
  private attached = false;
  private held: (() => void)[] = [];
  /** A test's scripted page: answers commands and may emit events. */
  script: (method: string, params: Record<string, unknown>) => unknown = () => ({});

  private readonly contents: StandinWebContents;

  constructor(contents: StandinWebContents) {
    super();
    this.contents = contents;
  }
  attach(version?: string): void {
    record(`debugger.attach:${version ?? ''}`);
    this.attached = true;
  }
  isAttached(): boolean {
    return this.attached;
  }
  detach(): void {
    record('debugger.detach');
    this.attached = false;
  }
  sendCommand(method: string, commandParams?: Record<string, unknown>): Promise<unknown> {
    record(`cdp:${method}`);
    if (!this.attached) return Promise.reject(new Error('No target available'));
    return new Promise((resolve, reject) => {
      const answer = () => {
        try {
          resolve(this.script(method, commandParams ?? {}));
        } catch (error) {
          reject(error);
        }
      };
      // Electron's debugger answers nothing until something has been loaded in the window (electron#14810).
      if (this.contents.loadedUrl === null) this.held.push(answer);
      else answer();
    });
  }
  /** Delivers a CDP event as Electron does: ('message', event, method, params). */
  deliver(method: string, eventParams: Record<string, unknown>): void {
    this.emit('message', { preventDefault: () => undefined }, method, eventParams);
  }
  releaseHeld(): void {
    for (const answer of this.held.splice(0)) answer();
  }
  heldCount(): number {
    return this.held.length;
  }
}

export class StandinWebContents extends EventEmitter {
  loadedUrl: string | null = null;
  destroyed = false;
  windowOpenHandler: Handler | null = null;
  readonly debugger: StandinDebugger = new StandinDebugger(this);

  constructor() {
    super();
    app.emit('web-contents-created', { preventDefault: () => undefined }, this);
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async loadURL(url: string): Promise<void> {
    record(`webContents.loadURL:${url.slice(0, 60)}`);
    this.loadedUrl = url;
    this.debugger.releaseHeld();
    if (standin.windows[0]?.webContents === this) app.emit('standin-window-loaded');
  }
  async loadFile(file: string): Promise<void> {
    await this.loadURL(pathToFileURL(file).href);
  }
  async printToPDF(): Promise<Buffer> {
    record('webContents.printToPDF');
    // What Chromium would print: the page as loaded at this moment (a file is read now, while it exists).
    const url = this.loadedUrl ?? '';
    standin.printed.push({ url, html: url.startsWith('file://') ? readFileSync(fileURLToPath(url), 'utf8') : null });
    return Buffer.from('%PDF-1.7 stand-in');
  }
}

class StandinBrowserWindow extends EventEmitter {
  readonly webContents = new StandinWebContents();
  readonly options: ElectronModule.BrowserWindowConstructorOptions;
  destroyed = false;
  shown = false;
  focused = 0;
  minimized = false;

  constructor(options: ElectronModule.BrowserWindowConstructorOptions = {}) {
    super();
    record('new BrowserWindow');
    if (!standin.readyEmitted) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    standin.windows.push(this);
  }
  static getAllWindows(): StandinBrowserWindow[] {
    return standin.windows.filter((window) => !window.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  async loadFile(file: string): Promise<void> {
    await this.webContents.loadFile(file);
    this.emit('ready-to-show');
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused += 1;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close(): void {
    this.destroy();
  }
}

class StandinSession {
  readonly webRequest = { onHeadersReceived: (_handler: Handler) => void record('session.webRequest.onHeadersReceived') };
  readonly partition: string;

  constructor(partition: string) {
    this.partition = partition;
  }
  setPermissionRequestHandler(handler: Handler | null): void {
    record(`session.setPermissionRequestHandler:${this.partition}`);
    if (this.partition === 'default') standin.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    record(`session.setPermissionCheckHandler:${this.partition}`);
    if (this.partition === 'default') standin.permissionCheckHandler = handler;
  }
  async clearStorageData(): Promise<void> {
    record(`session.clearStorageData:${this.partition}`);
  }
  async clearAuthCache(): Promise<void> {
    record(`session.clearAuthCache:${this.partition}`);
  }
}

const partitions = new Map<string, StandinSession>();
export const session = {
  defaultSession: new StandinSession('default'),
  fromPartition(partition: string): StandinSession {
    record(`session.fromPartition:${partition}`);
    let found = partitions.get(partition);
    if (!found) partitions.set(partition, (found = new StandinSession(partition)));
    return found;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string }[]): void {
    record('protocol.registerSchemesAsPrivileged');
    if (standin.readyEmitted) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    standin.privilegedSchemes.push(...schemes.map((entry) => entry.scheme));
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    record(`protocol.handle:${scheme}`);
    if (!standin.readyEmitted) throw new Error('protocol.handle must be called after app is ready');
    standin.protocolHandlers.set(scheme, handler);
  },
} satisfies Pick<Electron['protocol'], 'registerSchemesAsPrivileged' | 'handle'>;

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    record('ipcMain.handle');
    if (standin.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    standin.ipcHandlers.set(channel, handler);
  },
} satisfies Pick<Electron['ipcMain'], 'handle'>;

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox');
    standin.errorBoxes.push({ title, content });
  },
} satisfies Pick<Electron['dialog'], 'showErrorBox'>;

export const net = {
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    record('net.fetch');
    return fetch(input, init);
  },
} satisfies Pick<Electron['net'], 'fetch'>;

export const BrowserWindow = StandinBrowserWindow;

/** Notifications shown (the health check's "something new"): recorded, never shown. */
export class Notification {
  static isSupported(): boolean {
    return true;
  }
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    this.options = options;
  }
  show(): void {
    record('Notification.show');
  }
}

// Each class checked against the shape electron.d.ts gives the methods the door calls.
type Fits<Standin, Real> = Standin extends Real ? true : never;
export const shapes: [
  Fits<StandinBrowserWindow, Pick<ElectronModule.BrowserWindow, 'loadURL' | 'loadFile' | 'show' | 'focus' | 'isMinimized' | 'restore' | 'isDestroyed' | 'destroy'>>,
  Fits<StandinWebContents, Pick<ElectronModule.WebContents, 'setWindowOpenHandler' | 'isDestroyed' | 'loadURL' | 'printToPDF'>>,
  Fits<StandinDebugger, Pick<ElectronModule.Debugger, 'attach' | 'isAttached' | 'detach' | 'sendCommand'>>,
  Fits<StandinSession, Pick<ElectronModule.Session, 'clearStorageData' | 'clearAuthCache'>>,
] = [true, true, true, true];

// The pieces above cover the names the door imports; this keeps them named as electron.d.ts names them.
export const exported = { app, BrowserWindow, session, protocol, ipcMain, dialog, net, Notification } satisfies Partial<Record<keyof Electron, unknown>>;
