/**
 * Finds the Electron runtime without triggering electron's own first-run download (requiring the `electron`
 * package downloads the binary when it is missing, and throws when that fails). Since Electron 42 the package
 * no longer downloads at install time: the binary comes on first use, through the package's own installer
 * (its `install-electron` bin, install.js), which this finder names so the launcher can run it visibly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronRuntime =
  | { found: true; executable: string }
  /** `installer`: electron's own install.js, when running it would fetch the missing runtime. */
  | { found: false; reason: string; installer?: string };

export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env, fromUrl: string = import.meta.url): ElectronRuntime {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(fromUrl).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (run npm ci)' };
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
  const installer = path.join(packageDir, 'install.js');
  const canInstall = existsSync(installer) ? { installer } : {};
  if (relative === null) {
    return { found: false, reason: `the Electron runtime has not been downloaded yet (${path.join(packageDir, 'dist')} is missing)`, ...canInstall };
  }
  const executable = path.join(packageDir, 'dist', relative);
  return existsSync(executable) ? { found: true, executable } : { found: false, reason: `the Electron runtime ${executable} is missing`, ...canInstall };
}
