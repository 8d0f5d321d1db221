/**
 * Finds the Electron runtime without triggering electron's own first-run download (requiring the
 * `electron` package downloads the binary from GitHub when it is missing, which fails offline).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronRuntime = { found: true; executable: string } | { found: false; reason: string };

export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env, fromUrl: string = import.meta.url): ElectronRuntime {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(fromUrl).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const executable = path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(executable)
      ? { found: true, executable }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${executable} does not exist` };
  }
  if (relative === null) {
    return {
      found: false,
      reason: 'the Electron runtime binary has not been downloaded (node_modules/electron/dist is missing; it comes from GitHub on first use, which this machine cannot reach)',
    };
  }
  const executable = path.join(packageDir, 'dist', relative);
  return existsSync(executable) ? { found: true, executable } : { found: false, reason: `the Electron runtime ${executable} is missing` };
}
