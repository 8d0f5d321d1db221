/**
 * How the desktop window tells the launcher it opened: the launcher names a file in this variable and the
 * Electron entry creates it once the window is shown. An Electron that ends before that died at start.
 */
import { writeFileSync } from 'node:fs';

export const WINDOW_SHOWN_ENV = 'SSO_WIZARD_WINDOW_SHOWN_FILE';

export function announceWindowShown(env: NodeJS.ProcessEnv = process.env): void {
  const file = env[WINDOW_SHOWN_ENV];
  if (!file) return;
  try {
    writeFileSync(file, `${process.pid}\n`);
  } catch {
    // Only the launcher's fallback depends on it; the window is open either way.
  }
}
