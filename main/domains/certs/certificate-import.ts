/**
 * Step 2 as one operation: read every file, find the site certificate (the leaf) among what was sent, tie
 * it to a key, build its chain and judge it. Pure apart from the parsing: the clock, the stored CSRs and the
 * trust anchors are passed in; nothing is written here.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { Finding, ImportReport, InputFormat, StoredCsr } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { readCertificates, type ReadCertificates } from './certificate-reader.js';
import { parseCertificate, type ParsedCertificate } from './certificate-summary.js';
import { validateCertificate, type KeyMatch } from './certificate-validator.js';
import { buildChain, trustAnchors, type BuiltChain } from './chain-builder.js';
import { matchHost } from './hostname-matcher.js';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface ImportRequest {
  files: NamedBytes[];
  password?: string;
  extraRoots: NamedBytes[];
  host: string;
  now: Date;
  csrs: StoredCsr[];
  /** Tests pass false to judge chains against their own roots only. */
  includeSystemRoots?: boolean;
  /** How each file is read: by default here; the handler passes what its worker already read (issue 16). */
  read?: (bytes: Uint8Array, fileName: string, password?: string) => Result<ReadCertificates>;
}

export interface ImportOutcome {
  report: Omit<ImportReport, 'saved'>;
  built: BuiltChain;
  leaf: ParsedCertificate;
  format: InputFormat;
  matchedCsr: StoredCsr | null;
  /** The PFX's key when it belongs to the leaf (to be put in custody by the caller). */
  pfxKey: KeyObject | null;
}

export function importCertificates(request: ImportRequest): Result<ImportOutcome> {
  const pool: ParsedCertificate[] = [];
  const seen = new Set<string>();
  const notes: string[] = [];
  let format: InputFormat = 'pem';
  const fileFormats: InputFormat[] = [];
  let pfxKey: KeyObject | null = null;
  const readFile = request.read ?? readCertificates;
  for (const [index, file] of request.files.entries()) {
    const read = readFile(file.bytes, file.name, request.password);
    if (!read.ok) return read;
    if (index === 0 || read.value.format === 'pkcs12') format = read.value.format;
    fileFormats.push(read.value.format);
    notes.push(...read.value.notes);
    pfxKey ??= read.value.privateKey;
    for (const der of read.value.certificates) {
      const cert = parseCertificate(der);
      if (seen.has(cert.summary.sha256Fingerprint)) continue;
      seen.add(cert.summary.sha256Fingerprint);
      pool.push(cert);
    }
  }
  const userRoots: X509Certificate[] = [];
  for (const file of request.extraRoots) {
    const read = readFile(file.bytes, file.name);
    if (!read.ok) return read;
    userRoots.push(...read.value.certificates.map((der) => new X509Certificate(der)));
  }

  const byHash = new Map(request.csrs.map((csr) => [csr.publicKeyHash, csr]));
  const leaf =
    pool.find((cert) => byHash.has(cert.summary.publicKeyHash)) ??
    (pfxKey ? pool.find((cert) => safeCheckKey(cert, pfxKey as KeyObject)) : undefined) ??
    pickLeaf(pool, request.host);
  if (!leaf) {
    return appError('invalid-input', {
      message: `"${request.files[0]?.name ?? 'the file'}" holds only CA certificates, no site certificate.`,
      hint: 'Import the certificate issued for the site (its subject names the site host), with the intermediates.',
      field: request.files[0]?.name,
    });
  }
  const matchedCsr = byHash.get(leaf.summary.publicKeyHash) ?? null;
  // The newest CSR is the expected key: the site keeps only the key of its last Generate CSR, and a key made
  // here later replaces the earlier one as the one meant.
  const expected = request.csrs.at(-1) ?? null;
  let keyMatch: KeyMatch;
  let keyForCustody: KeyObject | null = null;
  if (pfxKey) {
    if (safeCheckKey(leaf, pfxKey)) {
      keyMatch = { kind: 'pfx' };
      keyForCustody = pfxKey;
    } else keyMatch = { kind: 'pfx-mismatch' };
  } else if (matchedCsr && expected && matchedCsr.id === expected.id) {
    keyMatch = { kind: 'expected', csr: matchedCsr, total: request.csrs.length };
  } else if (matchedCsr && expected) {
    keyMatch = { kind: 'older', csr: matchedCsr, expected };
  } else if (expected) {
    keyMatch = { kind: 'unknown', certKeyHash: leaf.summary.publicKeyHash, expected, total: request.csrs.length };
  } else {
    keyMatch = { kind: 'no-expected-key', certKeyHash: leaf.summary.publicKeyHash };
  }
  const keyMatched = keyMatch.kind === 'pfx' || keyMatch.kind === 'expected' || (keyMatch.kind === 'older' && keyMatch.csr.source === 'wizard');
  const anchors = trustAnchors(userRoots, { includeSystem: request.includeSystemRoots !== false });
  const built = buildChain(
    leaf,
    pool.filter((cert) => cert !== leaf),
    anchors,
  );
  const positions = built.chain.map((cert) => pool.indexOf(cert));
  const fileOrderLeafFirst = positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? -1)) && positions[0] === 0;
  const findings: Finding[] = validateCertificate({ leaf, built, host: request.host, now: request.now, keyMatch, fileOrderLeafFirst, notes });
  return ok({
    report: {
      format,
      fileFormats,
      leaf: leaf.summary,
      chain: built.chain.map((cert) => cert.summary),
      root: built.root?.summary ?? null,
      findings,
      keyMatched,
      keyHolder: keyMatch.kind === 'pfx' ? 'wizard' : keyMatched && matchedCsr ? (matchedCsr.source === 'site' ? 'site' : 'wizard') : 'unknown',
      matchedCsr: matchedCsr && (keyMatch.kind === 'expected' || keyMatch.kind === 'older') ? { id: matchedCsr.id, source: matchedCsr.source, createdAt: matchedCsr.createdAt, latest: keyMatch.kind === 'expected' } : null,
    },
    built,
    leaf,
    format,
    matchedCsr,
    pfxKey: keyForCustody,
  });
}

function safeCheckKey(cert: ParsedCertificate, key: KeyObject): boolean {
  try {
    return cert.node.checkPrivateKey(key);
  } catch {
    return false;
  }
}

/** Without a key to go by: the end-entity certificate that issues none of the others, preferring one for the host. */
function pickLeaf(pool: ParsedCertificate[], host: string): ParsedCertificate | undefined {
  const issuesAnother = (cert: ParsedCertificate) => pool.some((other) => other !== cert && other.node.checkIssued(cert.node));
  const ends = pool.filter((cert) => !cert.summary.isCa && !issuesAnother(cert));
  const candidates = ends.length > 0 ? ends : pool.filter((cert) => !issuesAnother(cert) && !cert.summary.isCa);
  return (
    candidates.find((cert) => matchHost(host, cert.summary.sans, cert.commonName).matched) ??
    candidates[0] ??
    // A lone certificate is the one meant, even a self-signed CA:TRUE one (openssl req -x509 makes those);
    // the findings then say what is wrong with it.
    (pool.length === 1 ? pool[0] : undefined)
  );
}
