/**
 * Decodes a PKCS#10 request (ours or one made on the site itself) into what the wizard shows: subject, SANs,
 * key, signature algorithm, whether the self-signature holds, and the public key hash that ties it to a key.
 */
import { createPublicKey } from 'node:crypto';
import { MAX_INPUT_BYTES, type CsrDetails } from '../../../shared/api/cert-schemas.js';
import { tooLarge } from './input-bytes.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { WorkerRunner } from '../../platform/worker-runner.js';
import { describeKey } from './key-description.js';
import { spkiHash } from './key-generator.js';
import { x509, x509Crypto } from './x509-library.js';
import { alternativeNames, firstCommonName, nameEntries, safeSignatureAlgorithm } from './x509-text.js';

const CSR_PEM = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]*?-----END (NEW )?CERTIFICATE REQUEST-----/;

export async function parseCsr(bytes: Uint8Array, fileName: string): Promise<Result<CsrDetails>> {
  const read = readCsr(bytes, fileName);
  return read.ok ? describeReadCsr(read.value, fileName) : read;
}

/**
 * The CSR decoded, with its PEM text (a DER file is stored as PEM, the form the site and CAs take). Plain data,
 * so it crosses to a worker thread and back.
 * @public also called by name through a parser runner (parseCsrLimited), which knip cannot follow.
 */
export async function parseCsrWithPem(bytes: Uint8Array, fileName: string): Promise<Result<{ details: CsrDetails; pem: string }>> {
  const read = readCsr(bytes, fileName);
  if (!read.ok) return read;
  const details = await describeReadCsr(read.value, fileName);
  return details.ok ? ok({ details: details.value, pem: `${read.value.toString('pem').trim()}\n` }) : details;
}

async function describeReadCsr(csr: x509.Pkcs10CertificateRequest, fileName: string): Promise<Result<CsrDetails>> {
  try {
    return ok(await describeCsr(csr));
  } catch {
    // The outer structure parsed but a part inside (key, names, extensions) is damaged.
    return appError('invalid-input', {
      message: `"${fileName}" is a certificate request whose contents are damaged (its key, names or extensions cannot be read).`,
      hint: 'Download the CSR again from where it was made, or generate a new one.',
      field: fileName,
    });
  }
}

function readCsr(bytes: Uint8Array, fileName: string): Result<x509.Pkcs10CertificateRequest> {
  const problem = (message: string, hint: string) => appError('invalid-input', { message, hint, field: fileName });
  if (bytes.length > MAX_INPUT_BYTES) return tooLarge(fileName, bytes.length, fileName);
  if (bytes.length === 0) return problem(`"${fileName}" is empty.`, 'Choose the CSR file the site or this wizard produced (it starts with -----BEGIN CERTIFICATE REQUEST-----).');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let csr: x509.Pkcs10CertificateRequest;
  try {
    const pem = CSR_PEM.exec(text);
    if (pem) csr = new x509.Pkcs10CertificateRequest(pem[0].replace(/NEW CERTIFICATE REQUEST/g, 'CERTIFICATE REQUEST'));
    else if (text.includes('-----BEGIN')) {
      return problem(
        `"${fileName}" holds ${pemLabels(text)}, not a certificate request${text.includes('-----BEGIN CERTIFICATE REQUEST-----') ? ' (its END line is missing: the file is truncated)' : ''}.`,
        'Choose the CSR file (-----BEGIN CERTIFICATE REQUEST-----); certificates are imported in step 2.',
      );
    } else csr = new x509.Pkcs10CertificateRequest(new Uint8Array(bytes));
  } catch {
    return problem(`"${fileName}" is not a readable certificate request (PKCS#10, PEM or DER).`, 'Download the CSR again from where it was made; a copied CSR must include its BEGIN and END lines.');
  }
  return ok(csr);
}

function pemLabels(text: string): string {
  const labels = [...new Set([...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((match) => match[1]))];
  return labels.length ? labels.map((label) => `a ${label}`).join(' and ') : 'something else';
}

export async function describeCsr(csr: x509.Pkcs10CertificateRequest): Promise<CsrDetails> {
  const publicKey = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  const signatureValid = await csr.verify(x509Crypto).catch(() => false);
  return {
    subject: csr.subject,
    subjectEntries: nameEntries(csr.subjectName),
    commonName: firstCommonName(csr.subjectName),
    sans: alternativeNames(csr.getExtension('2.5.29.17')),
    key: describeKey(publicKey),
    signatureAlgorithm: safeSignatureAlgorithm(() => csr.signatureAlgorithm).text,
    signatureValid,
    publicKeyHash: spkiHash(new Uint8Array(csr.publicKey.rawData)),
  };
}

/** A CSR, even one with hundreds of names, is read in milliseconds. */
export const CSR_READ_TIME_LIMIT_MS = 10_000;

/**
 * parseCsrWithPem for a CSR made elsewhere (untrusted: csr.inspect, csr.record), run by the parser runner the
 * front door handed in, with a time limit (issue 16: one hostile file must never freeze the wizard).
 */
export async function parseCsrLimited(
  run: WorkerRunner,
  bytes: Uint8Array,
  fileName: string,
  timeoutMs = CSR_READ_TIME_LIMIT_MS,
): Promise<Result<{ details: CsrDetails; pem: string }>> {
  const outcome = await run<Result<{ details: CsrDetails; pem: string }>>({ module: new URL(import.meta.url), exportName: 'parseCsrWithPem', args: [bytes, fileName], load: async () => ({ parseCsrWithPem }) }, { timeoutMs });
  if (outcome.ok) return outcome.value;
  const again = 'Download the CSR again from the site (Settings > Security > Certificate > SSL Certificate > More Options > Download CSR), or generate a new one.';
  return outcome.reason === 'timeout'
    ? appError('invalid-input', { message: `"${fileName}" took longer than ${outcome.timeoutMs / 1000} s to read and was stopped; no certificate request needs that long.`, hint: again, field: fileName })
    : appError('invalid-input', { message: `"${fileName}" could not be read: the reader stopped on it (${outcome.message.slice(0, 160)}).`, hint: again, field: fileName });
}
