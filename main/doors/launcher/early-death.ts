/**
 * Why Electron ended before its window opened, read from what it printed, and what to do about it.
 *   - Ubuntu 24.04 and later restrict unprivileged user namespaces through AppArmor, so Chromium falls back to
 *     the setuid helper chrome-sandbox, which in a source checkout (or an AppImage) is not root-owned 4755:
 *     Chromium aborts rather than run unsandboxed (electron/electron#42510, electron-builder#8440).
 *   - No display: a remote shell without X11 or Wayland.
 */
import path from 'node:path';

export interface EarlyDeath {
  reason: string;
  fix: string;
}

export function explainEarlyDeath(stderr: string, exit: { code: number | null; signal: NodeJS.Signals | null }, executable: string): EarlyDeath {
  if (/SUID sandbox helper binary was found, but is not configured correctly|No usable sandbox|setuid sandbox|Failed to move to new namespace/i.test(stderr)) {
    const helper = path.join(path.dirname(executable), 'chrome-sandbox');
    return {
      reason: 'Electron\'s sandbox cannot start on this system (on Ubuntu 24.04 and later, AppArmor restricts the user namespaces it uses, and its setuid helper chrome-sandbox is not owned by root with mode 4755)',
      fix: `To use the desktop window, give the helper its rights once: sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}", then npm start again (the sandbox stays on; the .deb package does this when installed).`,
    };
  }
  if (/Missing X server or \$DISPLAY|cannot open display|Failed to connect to Wayland|platform failed to initialize/i.test(stderr)) {
    return {
      reason: 'Electron found no display to open its window on (no X11 or Wayland session, e.g. a remote shell)',
      fix: 'Start it from the desktop session, or keep using browser mode: open the link below in a browser of this computer.',
    };
  }
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
  const last = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).at(-1);
  return {
    reason: `Electron stopped before its window opened (${how})${last ? `; its last words: ${last.slice(0, 300)}` : ''}`,
    fix: 'Its full output is above. Meanwhile browser mode has the same wizard.',
  };
}

/** Linux and the BSDs need X11 or Wayland for a window; macOS and Windows always have a display. */
export function missingDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform === 'win32' || platform === 'darwin') return null;
  if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return null;
  return 'there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set, as in a remote shell)';
}
