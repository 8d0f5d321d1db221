/**
 * Everything outside the process that the core uses, handed in once when the core is created (VS Code's
 * services, scaled down): the Electron door hands in its own sign-in window and printer, browser mode and the
 * CLI hand in the Node ones (main/doors/node-outside.ts), tests theirs. No module-level setter, no silent
 * fallback to a real thing.
 */
import type { Keychain } from '../../domains/certs/key-custody.js';
import type { OpenSigninBrowser } from '../../domains/signin/cdp-session.js';
import type { WorkerRunner } from '../../platform/worker-runner.js';
import type { PdfPrinter } from '../report/pdf-printer.js';

/** What the sign-in step says about where the test sign-in will open, before it starts. */
export interface SigninBrowserReadiness {
  available: boolean;
  name: string | null;
  message: string;
  hint: string;
}

export interface Outside {
  /** The OS keychain (keytar) or a stand-in. */
  keychain: Keychain;
  /** Opens the throw-away window of a live test sign-in, and says beforehand whether it can. */
  signinBrowser: { open: OpenSigninBrowser; readiness: () => SigninBrowserReadiness };
  /** Prints the self-contained report HTML to PDF. */
  printPdf: PdfPrinter;
  /** Fetches IdP metadata from the URL the administrator gave (Electron: its net stack, with the system proxy). */
  fetch: typeof fetch;
  /**
   * Runs a parser of untrusted input (a SAML response, IdP metadata, a CSR) with a time limit: on a worker
   * thread where an event loop must stay free (browser mode, the desktop app), or in the calling thread with a
   * watchdog for a one-shot command (main/platform/worker-runner.ts).
   */
  runParser: WorkerRunner;
}
