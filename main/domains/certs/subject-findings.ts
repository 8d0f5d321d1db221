/**
 * The findings a certificate and a CSR share: does it name the site host, is the key strong enough, is the
 * signature hash acceptable. One wording for both, so an admin who sees a problem on the CSR (step 1) reads the
 * same sentence the signed certificate would get in step 2 - one CA round trip earlier.
 */
import type { Finding, KeyDescription } from '../../../shared/api/cert-schemas.js';
import { matchHost } from './hostname-matcher.js';

/** "certificate" or "CSR": what the sentence is about. */
export type SubjectKind = 'certificate' | 'CSR';

const finding = (severity: Finding['severity'], id: string, what: string, fix: string): Finding => ({ severity, id, what, fix });

const reissue = (kind: SubjectKind, what: string) =>
  kind === 'CSR'
    ? `Make the CSR again with ${what}: on the site (Settings > Security > Certificate > SSL Certificate > Generate CSR) or with "Make the key and CSR here" in step 1.`
    : `Ask the CA to reissue the certificate with ${what} (a CSR from step 1 has it).`;

/**
 * The site host must be a DNS subject alternative name. RFC 6125 §6.4.4 lets a client fall back to the CN only
 * when there is no DNS SAN; current browsers (Chrome since 58, Firefox) and meeting clients no longer do, so a
 * host found only in the CN is an error, not a warning.
 */
export function hostFindings(kind: SubjectKind, host: string, sans: readonly string[], commonName: string | null): Finding[] {
  const dnsSans = sans.filter((name) => !name.includes(':'));
  const match = matchHost(host, dnsSans, null);
  if (match.matched) {
    const found = [finding('ok', 'host', `The site host ${host} is covered by the subject alternative name ${match.name}.`, 'Nothing to do.')];
    if (match.name.startsWith('*.')) {
      found.push(
        finding(
          'info',
          'wildcard',
          `${match.name} is a wildcard: it covers ${host} and every other single-label host under ${match.name.slice(2)}, but neither ${match.name.slice(2)} itself nor deeper names.`,
          'Nothing to do, if one key for every such host is intended; otherwise ask for the site host alone.',
        ),
      );
    }
    return found;
  }
  if (dnsSans.length === 0 && commonName && matchHost(host, [commonName], null).matched) {
    return [
      finding(
        'error',
        'host',
        `The site host ${host} is only in the common name (CN); the ${kind} has no subject alternative names, and browsers and meeting clients ignore the CN.`,
        reissue(kind, `${host} as a subject alternative name (DNS)`),
      ),
    ];
  }
  const names = dnsSans.length ? dnsSans.join(', ') : commonName ? `only the CN ${commonName}` : 'none';
  return [
    finding(
      'error',
      'host',
      `The ${kind} does not cover the site host ${host} (names: ${names}).`,
      kind === 'CSR'
        ? `Check the site URL in the profile; if it is right, ${reissue(kind, `${host} as a subject alternative name`).replace(/^M/, 'm')}`
        : 'Check the site URL in the profile, or have a certificate issued for this host (the CSR from step 1 names it).',
    ),
  ];
}

/** RSA of at least 2048 bits (CA/Browser Forum BR §6.1.5), or ECDSA P-256 / P-384 (BR §6.1.5, §7.1.3.1.2). */
export function keyFindings(kind: SubjectKind, key: KeyDescription): Finding[] {
  const redo = kind === 'CSR' ? 'Make the CSR again with an RSA 3072 (the default here) or ECDSA P-256 key.' : 'Generate a new CSR with RSA 3072 (the default) and have it signed.';
  if (key.algorithm === 'RSA' && (key.bits ?? 0) < 2048) {
    return [finding('error', 'weak-key', `The key is RSA ${key.bits ?? '?'} bits; at least 2048 bits are required.`, redo)];
  }
  if (key.algorithm === 'ECDSA' && key.curve !== 'P-256' && key.curve !== 'P-384') {
    return [finding('error', 'weak-key', `The key is ECDSA on ${key.curve ?? 'an unknown curve'}; CAs issue for P-256 and P-384 only.`, redo)];
  }
  if (key.algorithm === 'other') {
    return [finding('error', 'weak-key', `The key type ${key.text} is not one CAs issue TLS certificates for.`, redo)];
  }
  return kind === 'CSR' ? [finding('ok', 'key', `Key: ${key.text}.`, 'Nothing to do.')] : [];
}

/** SHA-1 and MD5 signatures are refused by CAs (BR §7.1.3.2) and browsers. */
export function signatureHashFindings(kind: SubjectKind, subject: string, algorithm: string, hash: string | null): Finding[] {
  if (hash === 'SHA-1' || /md5|md2|sha-?1\b/i.test(algorithm)) {
    return [
      finding(
        'error',
        'weak-signature',
        kind === 'CSR'
          ? `The CSR is signed with ${algorithm}; CAs no longer issue from SHA-1 requests, and browsers reject certificates signed with it.`
          : `"${subject}" is signed with ${algorithm}, which browsers reject.`,
        kind === 'CSR' ? 'Make the CSR again with SHA-256.' : 'Ask the CA to reissue with SHA-256.',
      ),
    ];
  }
  return [];
}
