/**
 * Results, not exceptions, cross every process boundary (IPC, HTTP, CLI): a thrown error loses
 * everything but its message on the way, so handlers return one of these instead.
 */
import type { AppErrorCode } from './app-error-codes.js';

export interface AppError {
  /** A closed code from the app-error catalogue, so every front door can explain it the same way. */
  code: AppErrorCode;
  /** What went wrong, in one sentence a user understands. */
  message: string;
  /** What to do about it. */
  hint: string;
  /** The input field or file the error is about, when there is one (e.g. "siteUrl"). */
  field?: string;
}

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(error: AppError): Err {
  return { ok: false, error };
}
