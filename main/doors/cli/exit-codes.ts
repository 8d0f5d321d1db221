import type { AppErrorCode } from '../../../shared/app-error-codes.js';
import { assertNever } from '../../../shared/app-errors.js';

/** Exit codes of every sso-wizard subcommand (documented in --help). */
export const EXIT = {
  ok: 0,
  /** The command ran and the answer is "no": not found, conflict, findings that block sign-in. */
  failed: 1,
  /** Bad usage or invalid input: nothing was done. */
  usage: 2,
  /** The data folder could not be read or written, or an unexpected error. */
  environment: 3,
} as const;

export function exitCodeFor(code: AppErrorCode): number {
  switch (code) {
    case 'invalid-input':
    case 'unknown-channel':
      return EXIT.usage;
    case 'not-found':
    case 'conflict':
    case 'forbidden':
    case 'not-implemented':
      return EXIT.failed;
    case 'state-unreadable':
    case 'storage-failed':
    case 'internal':
      return EXIT.environment;
    default:
      return assertNever(code);
  }
}
