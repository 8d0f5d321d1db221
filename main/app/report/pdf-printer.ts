/**
 * "PDF where the runtime can print": outside Electron the report is printed by a Chromium-family browser
 * found on the machine, headless, with a throw-away profile and no network. Electron prints with
 * webContents.printToPDF instead.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { findBrowser } from '../../platform/browser-finder.js';

export type PdfPrinter = (html: string) => Promise<Result<Uint8Array>>;

export async function printWithLocalBrowser(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Result<Uint8Array>> {
  const search = findBrowser(env);
  if (!search.found) {
    return appError('not-implemented', { message: `No browser to print the PDF with: ${search.message}`, hint: `Save the HTML report instead and print it from any browser. ${search.hint}` });
  }
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-pdf-'));
  try {
    const input = path.join(scratch, 'report.html');
    const output = path.join(scratch, 'report.pdf');
    await fs.writeFile(input, html, { mode: 0o600 });
    const args = [
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-pdf-header-footer',
      `--user-data-dir=${path.join(scratch, 'profile')}`,
      `--print-to-pdf=${output}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(input).href,
    ];
    const failure = await new Promise<string | null>((resolve) => {
      execFile(search.browser.executablePath, args, { timeout: 60_000 }, (error, _stdout, stderr) => resolve(error ? `${error.message} ${stderr}`.trim() : null));
    });
    const pdf = await fs.readFile(output).catch(() => null);
    if (!pdf || pdf.subarray(0, 5).toString() !== '%PDF-') {
      return appError('internal', { message: `${search.browser.name} did not print the report${failure ? `: ${failure.slice(0, 200)}` : ''}.`, hint: 'Save the HTML report and print it from a browser.' });
    }
    return ok(new Uint8Array(pdf));
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
