/**
 * Prints the diagnostic report to PDF with Electron's own Chromium: an invisible, sandboxed window with its
 * own in-memory session, JavaScript off, loading the self-contained HTML, then webContents.printToPDF.
 */
import { BrowserWindow, session } from 'electron';
import { randomBytes } from 'node:crypto';
import { appError } from '../../../shared/app-errors.js';
import { ok } from '../../../shared/result.js';
import type { PdfPrinter } from '../../app/report/pdf-printer.js';

export const printWithElectron: PdfPrinter = async (html) => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: session.fromPartition(`pdf-${randomBytes(8).toString('hex')}`, { cache: false }),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    return ok(new Uint8Array(await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })));
  } catch (error) {
    return appError('internal', { message: `The report could not be printed: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Save the HTML report and print it from a browser.' });
  } finally {
    window.destroy();
  }
};
