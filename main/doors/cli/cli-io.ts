/** How a command talks to the terminal; tests pass their own. Messages have fixed prefixes, like mkcert. */
import type { AppError } from '../../../shared/result.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

export function formatError(error: AppError): string {
  const field = error.field ? ` [${error.field}]` : '';
  return `ERROR${field}: ${error.message}\n  → ${error.hint}`;
}

export function warning(text: string): string {
  return `WARNING: ${text}`;
}
