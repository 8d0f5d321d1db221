/**
 * The closed catalogue of errors a user of the wizard itself can meet (not the site's SSO codes,
 * which live in the SSO error catalogue). One exhaustive switch maps each to its default text, so a
 * new code cannot be added without saying what it means and what to do.
 */
import type { AppErrorCode } from './app-error-codes.js';
import { err, type Err } from './result.js';

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

/** Default wording for each code; handlers may give a more specific message and hint. */
export function describeAppError(code: AppErrorCode): { message: string; hint: string } {
  switch (code) {
    case 'invalid-input':
      return { message: 'Some input is not valid.', hint: 'Correct the field named in the message and try again.' };
    case 'unknown-channel':
      return { message: 'The request names an operation this version does not have.', hint: 'Update the wizard so both sides match.' };
    case 'not-found':
      return { message: 'The item asked for does not exist.', hint: 'Refresh the list and pick an existing item.' };
    case 'conflict':
      return { message: 'The item already exists.', hint: 'Choose another name, or edit the existing item.' };
    case 'state-unreadable':
      return {
        message: 'The saved wizard state could not be read.',
        hint: 'The unreadable file was kept aside next to the state file; the wizard started from a clean state.',
      };
    case 'storage-failed':
      return { message: 'The wizard could not save its state.', hint: 'Check that the data folder is writable and the disk is not full, then retry.' };
    case 'forbidden':
      return { message: 'The request was refused.', hint: 'Open the wizard from the link it printed when it started.' };
    case 'not-implemented':
      return { message: 'This part of the wizard is not built yet.', hint: 'Use the steps that are available, or a later version.' };
    case 'internal':
      return { message: 'The wizard hit an unexpected problem.', hint: 'Retry; if it persists, report it with the steps that led to it.' };
    default:
      return assertNever(code);
  }
}

/** An error result with the catalogue's wording, overridable per call. */
export function appError(code: AppErrorCode, overrides: { message?: string; hint?: string; field?: string } = {}): Err {
  const base = describeAppError(code);
  const error = { code, message: overrides.message ?? base.message, hint: overrides.hint ?? base.hint };
  return err(overrides.field === undefined ? error : { ...error, field: overrides.field });
}
