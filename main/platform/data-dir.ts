/**
 * The per-user data folder. Electron uses app.getPath('userData'), which is <appData>/<productName>; the
 * CLI and browser mode compute the same folder so that all three front doors share one state.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'SSO Setup Wizard';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env['SSO_WIZARD_DATA_DIR'];
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), PRODUCT_NAME);
}

/** Per-profile folder for a domain's own state files (certificates, IdP metadata, test history…). */
export function profileDataDir(dataDir: string, profileId: string): string {
  // profileId is a validated UUID (ProfileIdSchema), so it is safe as a path segment.
  return `${dataDir}/profiles/${profileId}`;
}
