/**
 * The one seam between the capture code and whatever hosts the sign-in page: a Chrome DevTools Protocol
 * session scoped to that page. Browser mode supplies it over Chromium's --remote-debugging-pipe, the desktop
 * app through Electron's `webContents.debugger` (same protocol, same messages), so the capture is written once.
 */

export type CdpEventHandler = (params: Record<string, unknown>) => void;

export interface CdpSession {
  /** Sends a command to the page; rejects with the protocol's error message. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Subscribes to an event of the page; returns the unsubscribe function. */
  on(event: string, handler: CdpEventHandler): () => void;
  /** Detaches from the page (does not close the window). */
  close(): void;
}

/** A sign-in window (a browser process or an Electron BrowserWindow) with its page session. */
export interface SigninBrowser {
  session: CdpSession;
  /** Settles once the window or browser is gone, whoever closed it. */
  closed: Promise<void>;
  /** Closes the window and, in browser mode, ends the browser process and removes its throw-away profile. */
  close(): Promise<void>;
  /** A human name for messages: "Chromium", "Google Chrome", "sign-in window". */
  name: string;
}

/** Opens a new, empty sign-in window. Injected into the core: browser mode launches Chromium, Electron a BrowserWindow. */
export type OpenSigninBrowser = () => Promise<SigninBrowser>;

/** Raised by an OpenSigninBrowser that cannot open a window at all (no browser installed, no display). */
export class SigninBrowserUnavailable extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'SigninBrowserUnavailable';
  }
}
