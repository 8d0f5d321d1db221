/**
 * The SAML engine's parsers of untrusted input (a SAML response, IdP metadata), each run by a parser runner with
 * a time limit (issue 16: one hostile file must never freeze the wizard). Browser mode and the desktop app hand
 * the core a worker runner, so the server's event loop stays free; only the worker loads the engine (this module
 * names its files by URL, and imports them itself only when a one-shot command runs them inline). A hostile input is ended by the limit with a
 * message that names what was given and what to do.
 */
import type { WorkerJob, WorkerOutcome, WorkerRunner } from '../../platform/worker-runner.js';
import type { IdpMetadataResult } from './idp-metadata-parser.js';
import type { ValidateSamlResponseInput } from './response-validator.js';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';

/** A typical signed response is checked in tens of milliseconds and a 4 MB one in under 2 s; no response needs this. */
export const SAML_CHECK_TIME_LIMIT_MS = 15_000;
/** FederationMetadata.xml is read in milliseconds. */
export const METADATA_TIME_LIMIT_MS = 15_000;

// Run from the TypeScript sources (the tests) the engine's files are .ts; built, .js (see worker-entry.ts).
const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const engineFile = (name: string) => new URL(`./${name}${extension}`, import.meta.url);

const loaders = {
  'response-validator': () => import('./response-validator.js'),
  'idp-metadata-parser': () => import('./idp-metadata-parser.js'),
} as const;

function job(file: keyof typeof loaders, exportName: string, args: unknown[]): WorkerJob {
  return { module: engineFile(file), exportName, args, load: loaders[file] as unknown as () => Promise<Record<string, unknown>> };
}

function kilobytes(text: string): string {
  return `${Math.max(1, Math.round(text.length / 1024)).toLocaleString('en-US')} KB`;
}

/** Why the runner gave no answer, in words: stopped by the limit, or the parser itself ended (e.g. out of memory). */
function stopped(outcome: Extract<WorkerOutcome<unknown>, { ok: false }>): string {
  return outcome.reason === 'timeout'
    ? `took longer than ${outcome.timeoutMs / 1000} s to read and was stopped`
    : `could not be read: the reader stopped on it (${outcome.message.slice(0, 160)})`;
}

export type LimitedCheck = { ok: true; report: ValidationReport } | { ok: false; message: string; hint: string };

/** validateSamlResponse, run by `run` within the limit. */
export async function validateLimited(run: WorkerRunner, input: ValidateSamlResponseInput, timeoutMs = SAML_CHECK_TIME_LIMIT_MS): Promise<LimitedCheck> {
  const outcome = await run<ValidationReport>(job('response-validator', 'validateSamlResponse', [input]), { timeoutMs });
  if (outcome.ok) return { ok: true, report: outcome.value };
  return {
    ok: false,
    message: `The SAML response (${kilobytes(input.samlResponse)}) ${stopped(outcome)}; a response from an IdP is checked in well under a second, so this one was not produced by it unchanged.`,
    hint: 'Give the SAMLResponse exactly as the IdP posted it: "Original (Base64)" from the test sign-in, or the SAMLResponse field in the browser\'s network log.',
  };
}

/** The response's own Issuer (null when it cannot be read in time). */
export async function responseIssuerLimited(run: WorkerRunner, samlResponse: string, timeoutMs = SAML_CHECK_TIME_LIMIT_MS): Promise<string | null> {
  const outcome = await run<string | null>(job('response-validator', 'responseIssuer', [samlResponse]), { timeoutMs });
  return outcome.ok ? outcome.value : null;
}

const METADATA_AGAIN = 'Download FederationMetadata.xml again (AD FS: https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml) and import that file.';

function metadataStopped(outcome: Extract<WorkerOutcome<unknown>, { ok: false }>, size: string): IdpMetadataResult {
  return { ok: false, problem: `The IdP metadata (${size}) ${stopped(outcome)}; real metadata is read in well under a second. ${METADATA_AGAIN}` };
}

/** parseIdpMetadata (metadata XML or a bare certificate as text), run by `run` within the limit. */
export async function parseIdpMetadataLimited(run: WorkerRunner, text: string, now?: Date, timeoutMs = METADATA_TIME_LIMIT_MS): Promise<IdpMetadataResult> {
  const outcome = await run<IdpMetadataResult>(job('idp-metadata-parser', 'parseIdpMetadata', now ? [text, now] : [text]), { timeoutMs });
  return outcome.ok ? outcome.value : metadataStopped(outcome, kilobytes(text));
}

/** parseIdpFile (metadata or a certificate, as the bytes of a file), run by `run` within the limit. */
export async function parseIdpFileLimited(run: WorkerRunner, bytes: Uint8Array, now?: Date, timeoutMs = METADATA_TIME_LIMIT_MS): Promise<IdpMetadataResult> {
  const outcome = await run<IdpMetadataResult>(job('idp-metadata-parser', 'parseIdpFile', now ? [bytes, now] : [bytes]), { timeoutMs });
  return outcome.ok ? outcome.value : metadataStopped(outcome, `${Math.max(1, Math.round(bytes.length / 1024)).toLocaleString('en-US')} KB`);
}
