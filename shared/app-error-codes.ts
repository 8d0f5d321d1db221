/** The closed codes of the app-error catalogue (shared/app-errors.ts gives each its words). */
export const APP_ERROR_CODES = [
  'invalid-input',
  'unknown-channel',
  'not-found',
  'conflict',
  'state-unreadable',
  'storage-failed',
  'forbidden',
  'not-implemented',
  'internal',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];
