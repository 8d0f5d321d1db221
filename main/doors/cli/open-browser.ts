/** Opens a URL in the user's default browser, where there is a desktop to open it on. */
import { spawn } from 'node:child_process';

export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): { opened: boolean; reason?: string } {
  // Only our own loopback URL is ever opened (Electron checklist: never open untrusted text).
  if (!/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/.test(url)) return { opened: false, reason: 'not a wizard URL' };
  let command: string;
  let args: string[];
  if (process.platform === 'darwin') {
    [command, args] = ['open', [url]];
  } else if (process.platform === 'win32') {
    // rundll32 avoids cmd.exe's parsing of the URL.
    [command, args] = ['rundll32', ['url.dll,FileProtocolHandler', url]];
  } else {
    if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return { opened: false, reason: 'no graphical display (DISPLAY is not set)' };
    [command, args] = ['xdg-open', [url]];
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return { opened: true };
  } catch (error) {
    return { opened: false, reason: (error as Error).message };
  }
}
