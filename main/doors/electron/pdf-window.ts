/**
 * Prints the diagnostic report to PDF with Electron's own Chromium: an invisible, sandboxed window with an
 * in-memory session, JavaScript off, loading the self-contained HTML, then webContents.printToPDF.
 * The HTML goes through a private temporary file, not a data: URL: Chromium refuses URLs over 2 MiB, so a
 * report past ~1.5 MB (base64) would not print (electron/electron#18093). One partition serves every print:
 * Electron never frees a session it has made.
 */
import { BrowserWindow, session } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { PdfPrinter } from '../../app/report/pdf-printer.js';

const PDF_PARTITION = 'pdf';

export const printWithElectron: PdfPrinter = async (html: string): Promise<Result<Uint8Array>> => {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-print-'));
  const file = path.join(scratch, 'report.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: session.fromPartition(PDF_PARTITION, { cache: false }),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await fs.writeFile(file, html, { mode: 0o600 });
    await window.loadFile(file);
    return ok(new Uint8Array(await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })));
  } catch (error) {
    return appError('internal', { message: `The report could not be printed: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Save the HTML report and print it from a browser.' });
  } finally {
    window.destroy();
    await fs.rm(scratch, { recursive: true, force: true });
  }
};
