/**
 * Reads whatever the CA sent, detected by content, never by file extension: PEM (one or many certificates,
 * or a PKCS#7 block), DER certificates, PKCS#7 (.p7b/.p7c, PEM or DER; RFC 2315 SignedData with no signers)
 * and PKCS#12 (.pfx/.p12; RFC 7292, both OpenSSL 3's default PBES2/AES encoding and the legacy RC2/3DES one).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { MAX_INPUT_BYTES, type InputFormat } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { tooLarge } from './input-bytes.js';
import { parseCertificate } from './certificate-summary.js';
import { assessPfxWork, MAX_PFX_ITERATIONS, MAX_PFX_TOTAL_ITERATIONS, type PfxWork } from './pfx-iteration-guard.js';
import { x509 } from './x509-library.js';
import { runInWorker, type WorkerRunner } from '../../platform/worker-runner.js';

/** A real chain has 2-5 certificates; the cap keeps chain building (quadratic) fast on hostile files. */
export const MAX_CERTIFICATES_PER_FILE = 50;

export interface ReadCertificates {
  format: InputFormat;
  /** DER certificates in the order the file holds them. */
  certificates: Uint8Array[];
  /** The private key inside a PKCS#12 file (in memory only). */
  privateKey: KeyObject | null;
  /** Things worth telling the user that are not errors (e.g. a plaintext key that was ignored). */
  notes: string[];
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);
const KEY_LABEL = /PRIVATE KEY$/;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

type Fail = (message: string, hint: string) => Result<never>;

export function readCertificates(bytes: Uint8Array, fileName: string, password?: string): Result<ReadCertificates> {
  const result = readAny(bytes, fileName, password);
  if (result.ok && result.value.certificates.length > MAX_CERTIFICATES_PER_FILE) {
    return appError('invalid-input', {
      message: `"${fileName}" holds ${result.value.certificates.length} certificates; a certificate chain has a handful (the wizard reads at most ${MAX_CERTIFICATES_PER_FILE}).`,
      hint: 'Choose the file with the site certificate and its intermediates only, not a whole trust store.',
      field: fileName,
    });
  }
  return result;
}

function readAny(bytes: Uint8Array, fileName: string, password?: string): Result<ReadCertificates> {
  const fail: Fail = (message, hint) => appError('invalid-input', { message, hint, field: fileName });
  if (bytes.length > MAX_INPUT_BYTES) return tooLarge(fileName, bytes.length, fileName);
  if (bytes.length === 0) {
    return fail(`"${fileName}" is empty.`, 'Choose the certificate file your CA sent (.cer, .crt, .pem, .p7b or .pfx), or paste its text.');
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('-----BEGIN ')) return readPem(text, fileName, fail);
  // Pasted base64 without BEGIN/END lines: decode it and read the bytes as DER.
  const bare = text.replace(/\s+/g, '');
  if (bare.length > 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(bare) && bare.startsWith('MI')) {
    return readBinary(new Uint8Array(Buffer.from(bare, 'base64')), fileName, password, fail);
  }
  return readBinary(bytes, fileName, password, fail);
}

function readPem(text: string, fileName: string, fail: Fail): Result<ReadCertificates> {
  const certificates: Uint8Array[] = [];
  const notes: string[] = [];
  let format: InputFormat = 'pem';
  let sawKey = false;
  let sawCsr = false;
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1] ?? '';
    const body = Buffer.from((match[2] ?? '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, ''), 'base64');
    if (CERT_LABELS.has(label)) {
      const der = new Uint8Array(body);
      if (!isCertificate(der)) {
        return fail(`"${fileName}" has a certificate block (number ${certificates.length + 1}) that is damaged or cut short.`, 'Download or copy the certificate again; copy everything from BEGIN to END.');
      }
      certificates.push(der);
    } else if (PKCS7_LABELS.has(label)) {
      const fromPkcs7 = readPkcs7(new Uint8Array(body));
      if (!fromPkcs7) return fail(`"${fileName}" has a PKCS#7 block that is damaged or cut short.`, 'Download the .p7b file from the CA again.');
      certificates.push(...fromPkcs7);
      format = 'pkcs7';
    } else if (KEY_LABEL.test(label)) {
      sawKey = true;
    } else if (label.includes('CERTIFICATE REQUEST')) {
      sawCsr = true;
    }
  }
  if (certificates.length === 0) {
    const begins = (text.match(/-----BEGIN /g) ?? []).length;
    const ends = (text.match(/-----END /g) ?? []).length;
    if (sawKey) {
      return fail(`"${fileName}" holds a private key, not a certificate.`, 'Choose the certificate your CA issued; the key stays where it was generated (never send a private key anywhere).');
    }
    if (sawCsr) return fail(`"${fileName}" is a certificate request (CSR), not the signed certificate.`, 'Send the CSR to your CA, then import the certificate it returns.');
    if (begins > ends) return fail(`"${fileName}" is cut short: a BEGIN line has no matching END line.`, 'Copy or download the whole certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.');
    return fail(`"${fileName}" holds no certificate.`, 'Choose the certificate file your CA sent (PEM, DER, PKCS#7 or PFX).');
  }
  if (sawKey) notes.push(`"${fileName}" also holds a private key in plaintext; the wizard ignored it. Delete that copy of the key.`);
  return ok({ format, certificates, privateKey: null, notes });
}

function readBinary(bytes: Uint8Array, fileName: string, password: string | undefined, fail: Fail): Result<ReadCertificates> {
  if (bytes[0] !== 0x30) {
    return fail(`"${fileName}" is not a certificate file: it is neither PEM text nor DER, PKCS#7 or PKCS#12 data.`, 'Choose the certificate file your CA sent (.cer, .crt, .pem, .p7b or .pfx).');
  }
  if (isCertificate(bytes)) return ok({ format: 'der', certificates: [bytes], privateKey: null, notes: [] });
  const kind = outerShape(bytes);
  if (kind === 'pkcs12') return readPkcs12(bytes, fileName, password, fail);
  if (kind === 'pkcs7') {
    const certs = readPkcs7(bytes);
    if (certs && certs.length > 0) return ok({ format: 'pkcs7', certificates: certs, privateKey: null, notes: [] });
    return fail(`"${fileName}" is a PKCS#7 file without readable certificates, or it is cut short.`, 'Download the .p7b file from the CA again.');
  }
  if (kind === 'private-key') {
    return fail(`"${fileName}" holds a private key, not a certificate.`, 'Choose the certificate your CA issued; the key stays where it was generated.');
  }
  return fail(`"${fileName}" is damaged or cut short: it starts like a certificate but cannot be read.`, 'Download the certificate again; if it came by email, save the attachment itself rather than copying it.');
}

/**
 * A certificate the rest of the import can use: OpenSSL parses it, and so does everything the summary reads
 * (public key, names, extensions through @peculiar/x509). A damaged certificate that OpenSSL still half-accepts
 * (a mangled key inside) is refused here, with the file named, instead of failing later without context.
 */
function isCertificate(der: Uint8Array): boolean {
  try {
    parseCertificate(der);
    return true;
  } catch {
    return false;
  }
}

/** PFX is SEQUENCE { INTEGER 3, ContentInfo, … }; PKCS#7 is SEQUENCE { OID signedData, [0] … }; PKCS#8 is SEQUENCE { INTEGER 0, SEQUENCE, OCTET STRING }. */
function outerShape(bytes: Uint8Array): 'pkcs12' | 'pkcs7' | 'private-key' | 'unknown' {
  try {
    const node = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), false);
    const children = Array.isArray(node.value) ? node.value : [];
    const first = children[0];
    if (!first) return 'unknown';
    if (first.type === forge.asn1.Type.INTEGER && typeof first.value === 'string') {
      const version = first.value.charCodeAt(0);
      if (version === 3) return 'pkcs12';
      if (version === 0 || version === 1) return 'private-key';
    }
    if (first.type === forge.asn1.Type.OID) return 'pkcs7';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

function readPkcs7(der: Uint8Array): Uint8Array[] | null {
  try {
    const collection = new x509.X509Certificates(new Uint8Array(der));
    const certificates = collection.map((cert) => new Uint8Array(cert.rawData));
    return certificates.every(isCertificate) ? certificates : null;
  } catch {
    return null;
  }
}

/**
 * The MAC key comes from the password as a BMPString (RFC 7292 Appendix B.1), but OpenSSL 3 (and Node's PKCS#8
 * export) feed PBES2 the password's UTF-8 bytes, while node-forge uses one JavaScript string for both. For a
 * non-ASCII password whose MAC verified but whose bags did not open, the bags are opened again with the UTF-8
 * bytes, the MAC having been checked already.
 */
function decodePfx(asn1: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (!/[^\x20-\x7e]/.test(password) || /MAC could not be verified/.test(message) || !Array.isArray(asn1.value)) throw error;
    const withoutMac = forge.asn1.create(asn1.tagClass, asn1.type, true, asn1.value.slice(0, 2));
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
  }
}

function readPkcs12(bytes: Uint8Array, fileName: string, password: string | undefined, fail: Fail): Result<ReadCertificates> {
  const work = assessPfxWork(bytes);
  if (!work.ok) return fail(...pfxWorkRefusal(work, fileName));
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = decodePfx(asn1, password ?? '');
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) {
      return password
        ? fail(`The password does not open "${fileName}".`, 'Enter the password the PFX was exported with (it is case-sensitive).')
        : fail(`"${fileName}" is a password-protected PFX (PKCS#12) file.`, 'Enter its password and import again.');
    }
    if (/Unsupported|not supported|Unknown/i.test(message)) {
      return fail(`"${fileName}" uses a PKCS#12 encryption the wizard cannot read.`, 'Re-export it with "openssl pkcs12 -export" (AES-256 is the default), then import that file.');
    }
    return fail(`"${fileName}" is a PFX (PKCS#12) file that is damaged or cut short.`, 'Export the PFX again, or import the certificate as PEM instead.');
  }
  const certificates: Uint8Array[] = [];
  let privateKey: KeyObject | null = null;
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as { asn1?: forge.asn1.Asn1 }).asn1;
        if (asn1) certificates.push(new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')));
      } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        // forge cannot model EC keys; then it keeps the PrivateKeyInfo ASN.1, which Node reads for every key type.
        const asn1 = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : (bag as { asn1?: forge.asn1.Asn1 }).asn1;
        if (asn1 && !privateKey) {
          privateKey = createPrivateKey({ key: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
        }
      }
    }
  }
  if (certificates.length === 0) return fail(`"${fileName}" is a PFX file with no certificate in it.`, 'Export the PFX again with its certificate chain included.');
  if (!certificates.every(isCertificate)) return fail(`"${fileName}" is a PFX file with a damaged certificate in it.`, 'Export the PFX again, or import the certificate as PEM instead.');
  return ok({ format: 'pkcs12', certificates, privateKey, notes: [] });
}

const REEXPORT = 'Export the PFX again with standard settings (openssl pkcs12 -export uses 2048 iterations), or import the certificate as PEM.';

function pfxWorkRefusal(work: Extract<PfxWork, { ok: false }>, fileName: string): [string, string] {
  const n = (value: number) => value.toLocaleString('en-US');
  switch (work.problem) {
    case 'unreadable':
      return [`"${fileName}" is a PFX (PKCS#12) file whose structure cannot be read (it is damaged, cut short or nested too deeply).`, 'Export the PFX again, or import the certificate as PEM instead.'];
    case 'count-unreadable':
      return [`"${fileName}" gives a key-derivation iteration count the wizard cannot read (not a positive whole number).`, REEXPORT];
    case 'count-too-large':
      return [
        work.largest > 0xffffffff
          ? `"${fileName}" asks for more than 4 billion key-derivation iterations; the wizard allows at most ${n(MAX_PFX_ITERATIONS)}.`
          : `"${fileName}" asks for ${n(work.largest)} key-derivation iterations; the wizard allows at most ${n(MAX_PFX_ITERATIONS)}.`,
        REEXPORT,
      ];
    case 'total-too-large':
      return [`"${fileName}" asks for more than ${n(MAX_PFX_TOTAL_ITERATIONS)} key-derivation iterations in all (its MAC and bags together); the wizard allows at most ${n(MAX_PFX_TOTAL_ITERATIONS)}.`, REEXPORT];
  }
}

/** How long one file may take to read off the event loop; a real PFX takes well under a second. */
export const READ_TIME_LIMIT_MS = 20_000;

type Transferred = Omit<ReadCertificates, 'privateKey'> & { privateKeyDer: Uint8Array | null };

/**
 * readCertificates as it runs in the worker: the same answer, the key as PKCS#8 DER bytes (plain data crosses threads).
 * @public called by name in the worker (main/platform/worker-entry.ts), which knip cannot follow.
 */
export function readCertificatesForTransfer(bytes: Uint8Array, fileName: string, password?: string): Result<Transferred> {
  const result = readCertificates(bytes, fileName, password);
  if (!result.ok) return result;
  const { privateKey, ...rest } = result.value;
  return ok({ ...rest, privateKeyDer: privateKey ? new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })) : null });
}

/**
 * Results read off the event loop, by the very bytes they were read from, so that the synchronous
 * readCertificates the import runs afterwards answers from here instead of parsing again.
 */

/**
 * Reads a file on a worker thread with a time limit (issue 16: one hostile file must never freeze browser
 * mode). Call it before anything that reads the same bytes with readCertificates.
 */
export async function readCertificatesOffThread(
  bytes: Uint8Array,
  fileName: string,
  password?: string,
  options: { run?: WorkerRunner; timeoutMs?: number } = {},
): Promise<Result<ReadCertificates>> {
  const timeoutMs = options.timeoutMs ?? READ_TIME_LIMIT_MS;
  // The guard is cheap and bounded: a PFX that asks for too much work is refused here, without a worker.
  if (bytes[0] === 0x30) {
    const work = assessPfxWork(bytes);
    if (!work.ok && work.problem !== 'unreadable' && outerShape(bytes) === 'pkcs12') {
      const refused = appError('invalid-input', { message: pfxWorkRefusal(work, fileName)[0], hint: REEXPORT, field: fileName });
      return refused;
    }
  }
  const outcome = await (options.run ?? runInWorker)<Result<Transferred>>(
    { module: new URL(import.meta.url), exportName: 'readCertificatesForTransfer', args: [bytes, fileName, password] },
    { timeoutMs },
  );
  let result: Result<ReadCertificates>;
  if (!outcome.ok) {
    result =
      outcome.reason === 'timeout'
        ? appError('invalid-input', {
            message: `"${fileName}" took longer than ${timeoutMs / 1000} s to read and was stopped; no certificate file needs that long.`,
            hint: REEXPORT,
            field: fileName,
          })
        : appError('invalid-input', {
            message: `"${fileName}" could not be read: the reader stopped on it (${outcome.message.slice(0, 160)}).`,
            hint: 'Download or export the file again; if it keeps failing, import the certificate as PEM.',
            field: fileName,
          });
  } else if (!outcome.value.ok) {
    result = outcome.value;
  } else {
    const { privateKeyDer, ...rest } = outcome.value.value;
    result = ok({ ...rest, privateKey: privateKeyDer ? createPrivateKey({ key: Buffer.from(privateKeyDer), format: 'der', type: 'pkcs8' }) : null });
  }
  return result;
}
