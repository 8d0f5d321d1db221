/**
 * The desktop PDF printer with the electron STAND-IN (test/support/electron-standin): what it hands to the
 * window, not Chromium's printing (that runs only in Electron itself).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../../support/electron-standin/electron.js'));

const electron = await import('../../../support/electron-standin/electron.js');
const { printWithElectron } = await import('../../../../main/doors/electron/pdf-window.js');

beforeAll(() => electron.emitReady());

describe('printWithElectron (electron stand-in)', () => {
  it('prints a report far past the 2 MiB data: URL limit from a private file, removed afterwards', async () => {
    const html = `<!doctype html><title>Report</title><pre>${'x'.repeat(3 * 1024 * 1024)}</pre>`;
    const result = await printWithElectron(html);
    expect(result.ok).toBe(true);
    const printed = electron.standin.printed.at(-1);
    expect(printed?.url).toMatch(/^file:\/\/.*sso-wizard-print-.*\/report\.html$/);
    expect(printed?.html).toBe(html);
    expect(existsSync(fileURLToPath(printed?.url ?? 'file:///'))).toBe(false);
    const window = electron.standin.windows.at(-1);
    expect(window?.isDestroyed()).toBe(true);
    expect(window?.options.webPreferences).toMatchObject({ javascript: false, sandbox: true });
  });

  it('uses one session for every print', async () => {
    const before = electron.standin.calls.length;
    await printWithElectron('<p>a</p>');
    await printWithElectron('<p>b</p>');
    expect(new Set(electron.standin.calls.slice(before).filter((call) => call.startsWith('session.fromPartition:')))).toEqual(new Set(['session.fromPartition:pdf']));
  });
});
