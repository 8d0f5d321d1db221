/**
 * Which web permissions the app's window gets: only `clipboard-sanitized-write`, the one Chromium asks for
 * before each navigator.clipboard.writeText (every Copy button), and only for the top frame of app://wizard.
 * Everything else, and everything from any other frame or origin, is refused. Electron names the permission
 * in its session docs (electron/electron#37158, docs PR #37173); its permission *check* must allow it too,
 * not only the request ("most web APIs do a permission check and then make a permission request").
 * Kept free of Electron imports so it is tested under plain Node.
 */
import { isTrustedSender } from './trusted-sender.js';

export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

export interface PermissionAsker {
  /** The URL of the frame that asks (Electron's details.requestingUrl). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionAllowed(permission: string, asker: PermissionAsker): boolean {
  if (permission !== CLIPBOARD_WRITE_PERMISSION) return false;
  return isTrustedSender({ url: asker.requestingUrl ?? '', isMainFrame: asker.isMainFrame });
}
