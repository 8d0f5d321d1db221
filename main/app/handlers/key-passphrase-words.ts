/**
 * Where each front door takes the key file passphrase, in its own words: the UI names the "Key file passphrase"
 * field of step 2 (far above the export buttons), the CLI names --key-passphrase-file. Used in every hint that
 * asks for it, so a user is never told to "enter" something without being told where.
 */
import type { AskKeyPassphrase } from '../../domains/certs/key-custody.js';
import type { CoreContext } from '../core/core-context.js';

export function askKeyPassphrase(frontDoor: CoreContext['frontDoor']): AskKeyPassphrase {
  if (frontDoor === 'cli') return (what) => `Pass ${what} with --key-passphrase-file FILE (its first line) or --key-passphrase-env VAR, and run the command again.`;
  return (what) => `Enter ${what} in the "Key file passphrase" field of step 2 (under the certificate files), then try again.`;
}
