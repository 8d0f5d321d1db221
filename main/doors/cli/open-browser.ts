/**
 * Opens browser mode in the user's default browser without putting its token where other users can read it.
 * Every local user can read every process's argv (/proc/PID/cmdline, `ps`), so the token never goes to the
 * opener: the opener gets the path of a redirect page in a private folder (0700, the page 0600) that carries
 * the link, as Jupyter does (jpserver-…-open.html). The page is removed when browser mode stops.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileProblem } from './file-problem.js';

export interface BrowserOpening {
  opened: boolean;
  reason?: string;
  /** The redirect page handed to the opener; removed by close(). */
  redirectFile?: string;
  close(): Promise<void>;
}

/** Only the wizard's own loopback URL is ever written (Electron checklist: never open untrusted text). */
const WIZARD_URL = /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/;

/** The redirect page: a meta refresh (works with scripts off) and a link to click if the refresh is blocked. */
export function redirectPage(url: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${url}">
<title>SSO Setup Wizard</title></head>
<body><p>Opening the SSO Setup Wizard… If nothing happens, <a href="${url}">open the wizard</a>.</p></body></html>
`;
}

function openerFor(target: string, env: NodeJS.ProcessEnv): { command: string; args: string[] } | { reason: string } {
  if (process.platform === 'darwin') return { command: 'open', args: [target] };
  // rundll32 avoids cmd.exe's parsing of the path.
  if (process.platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', target] };
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return { reason: 'no graphical display (DISPLAY is not set)' };
  return { command: 'xdg-open', args: [target] };
}

export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<BrowserOpening> {
  const nothing = async () => undefined;
  if (!WIZARD_URL.test(url)) return { opened: false, reason: 'not a wizard URL', close: nothing };
  // The opener is found on, and runs with, the caller's own PATH and environment: the token is in neither.
  const opener = openerFor('', env);
  if ('reason' in opener) return { opened: false, reason: opener.reason, close: nothing };
  let folder: string;
  try {
    // mkdtemp makes the folder 0700: no other user can list it or open the page.
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-open-'));
  } catch (error) {
    return { opened: false, reason: `the redirect page could not be written: ${fileProblem(error, true)}`, close: nothing };
  }
  const close = () => fs.rm(folder, { recursive: true, force: true });
  const redirectFile = path.join(folder, 'open-wizard.html');
  try {
    await fs.writeFile(redirectFile, redirectPage(url), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await close();
    return { opened: false, reason: `the redirect page could not be written: ${fileProblem(error, true)}`, close: nothing };
  }
  const { command, args } = openerFor(process.platform === 'win32' ? redirectFile : pathToFileURL(redirectFile).href, env) as { command: string; args: string[] };
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env });
    child.on('error', () => undefined);
    child.unref();
    return { opened: true, redirectFile, close };
  } catch (error) {
    await close();
    return { opened: false, reason: (error as Error).message, close: nothing };
  }
}
