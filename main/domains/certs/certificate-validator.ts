/**
 * What the wizard says about an imported certificate: every finding has a severity, what was found, and how
 * to fix it. Pure: the clock and the facts (chain, key match) are passed in.
 */
import type { Finding } from '../../../shared/api/cert-schemas.js';
import type { ParsedCertificate } from './certificate-summary.js';
import type { BuiltChain } from './chain-builder.js';
import { matchHost } from './hostname-matcher.js';
import { x509 } from './x509-library.js';

export type KeyMatch =
  | { kind: 'csr'; csrCreatedAt: string }
  | { kind: 'pfx' }
  | { kind: 'pfx-mismatch' }
  | { kind: 'none'; csrCount: number }
  | { kind: 'unchecked'; reason: string };

export interface ValidationFacts {
  leaf: ParsedCertificate;
  built: BuiltChain;
  host: string;
  now: Date;
  keyMatch: KeyMatch;
  /** False when the file listed the certificates in another order than leaf first. */
  fileOrderLeafFirst: boolean;
  notes: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WARNING_DAYS = 30;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';

const day = (date: Date) => date.toISOString().slice(0, 10);

export function validateCertificate(facts: ValidationFacts): Finding[] {
  const { leaf, built, host, now } = facts;
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], id: string, what: string, fix: string) => findings.push({ severity, id, what, fix });

  add('ok', 'leaf', `Site certificate: ${leaf.summary.subject}, issued by ${leaf.summary.issuer}.`, 'Nothing to do.');
  for (const note of facts.notes) add('warning', 'note', note, 'Delete plaintext copies of private keys.');

  switch (facts.keyMatch.kind) {
    case 'csr':
      add('ok', 'key-match', `The certificate matches the private key of the CSR generated on ${facts.keyMatch.csrCreatedAt.slice(0, 10)}.`, 'Nothing to do.');
      break;
    case 'pfx':
      add('ok', 'key-match', 'The certificate matches the private key inside the PFX file.', 'Nothing to do.');
      break;
    case 'pfx-mismatch':
      add('error', 'key-match', 'The private key inside the PFX file does not belong to its certificate.', 'Export the PFX again from the machine that holds the right key.');
      break;
    case 'none':
      add(
        'error',
        'key-match',
        facts.keyMatch.csrCount === 0
          ? 'No private key for this certificate: no CSR was generated for this profile.'
          : `The certificate does not match the key of any of the ${facts.keyMatch.csrCount} CSR(s) generated for this profile (a certificate issued for another CSR, e.g. an older one).`,
        'Send the latest CSR from step 1 to the CA and import the certificate it issues, or import a PFX that holds the key.',
      );
      break;
    case 'unchecked':
      add('warning', 'key-match', `The key match was not checked: ${facts.keyMatch.reason}`, 'Give the key passphrase (or unlock the keychain) and import again.');
      break;
  }

  // Chain: complete, ordered, up to a trusted root.
  const names = [...built.chain.map((cert) => cert.commonName ?? cert.summary.subject), ...(built.root ? [built.root.commonName ?? built.root.summary.subject] : [])];
  if (built.missingIssuer) {
    add(
      'error',
      'chain',
      `The chain is incomplete: the issuer "${built.missingIssuer}" is neither in the file nor a trusted root.`,
      'Download the intermediate certificate(s) from your CA (often a "bundle" or "chain" file) and import them together with the certificate.',
    );
  } else if (built.root && !built.rootTrusted) {
    add(
      'warning',
      'chain',
      `The chain ends at "${built.root.summary.subject}", a root that is not in the system store.`,
      'If this is your organisation\'s private CA, add its root under "Extra trusted roots"; every browser that signs in must trust it too.',
    );
  } else if (built.root) {
    add('ok', 'chain', `The chain is complete: ${names.join(' → ')} (root from the ${built.rootSource === 'user' ? 'roots you added' : built.rootSource === 'file' ? 'file' : 'system store'}).`, 'Nothing to do.');
  }
  if (!facts.fileOrderLeafFirst) {
    add('info', 'chain-order', 'The file listed the certificates in another order than leaf first.', 'Nothing to do: the exports put them in the order the site needs.');
  }
  if (built.unrelated.length > 0) {
    add('info', 'chain-extra', `${built.unrelated.length} certificate(s) in the file are not part of the site certificate's chain and were left out.`, 'Nothing to do.');
  }

  findings.push(...validityFindings(leaf, [...built.chain.slice(1), ...(built.root ? [built.root] : [])], now));

  // Host name.
  const dnsSans = leaf.summary.sans.filter((name) => !name.includes(':'));
  const match = matchHost(host, dnsSans, leaf.commonName);
  if (match.matched && match.by === 'san') {
    add('ok', 'host', `The site host ${host} is covered by the subject alternative name ${match.name}.`, 'Nothing to do.');
  } else if (match.matched) {
    add('warning', 'host', `The site host ${host} is matched only by the common name; the certificate has no subject alternative names.`, 'Browsers ignore the common name: ask the CA to reissue with the host in the SANs (the CSR from step 1 has it).');
  } else {
    add(
      'error',
      'host',
      `The certificate does not cover the site host ${host} (names: ${dnsSans.length ? dnsSans.join(', ') : (leaf.commonName ?? 'none')}).`,
      'Check the site URL in the profile, or have a certificate issued for this host (the CSR from step 1 names it).',
    );
  }

  // Purpose: EKU serverAuth and key usage (RFC 5280 §4.2.1.3, §4.2.1.12).
  const eku = leaf.fields.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku) {
    const usages = eku.usages.map(String);
    if (usages.includes(SERVER_AUTH) || usages.includes(ANY_EKU)) add('ok', 'eku', 'Extended key usage allows TLS server authentication.', 'Nothing to do.');
    else add('error', 'eku', 'Extended key usage does not include TLS server authentication (serverAuth).', 'Ask the CA for a web server (TLS server) certificate template.');
  } else {
    add('info', 'eku', 'The certificate has no extended key usage extension, so any purpose is allowed.', 'Nothing to do.');
  }
  const keyUsage = leaf.fields.getExtension(x509.KeyUsagesExtension);
  if (keyUsage) {
    const flags = keyUsage.usages;
    const rsa = leaf.summary.key.algorithm === 'RSA';
    const digital = (flags & x509.KeyUsageFlags.digitalSignature) !== 0;
    const encipher = (flags & x509.KeyUsageFlags.keyEncipherment) !== 0;
    const enough = rsa ? digital || encipher : digital;
    if (enough) add('ok', 'key-usage', `Key usage allows TLS (${[digital && 'digitalSignature', encipher && 'keyEncipherment'].filter(Boolean).join(', ')}).`, 'Nothing to do.');
    else add('error', 'key-usage', `Key usage lacks ${rsa ? 'digitalSignature and keyEncipherment' : 'digitalSignature'}, which TLS needs.`, 'Ask the CA for a web server (TLS server) certificate template.');
  }

  // Strength.
  const key = leaf.summary.key;
  if (key.algorithm === 'RSA' && (key.bits ?? 0) < 2048) {
    add('error', 'weak-key', `The key is RSA ${key.bits} bits; at least 2048 bits are required.`, 'Generate a new CSR with RSA 3072 (the default) and have it signed.');
  }
  for (const cert of [leaf, ...built.chain.slice(1)]) {
    if (cert.signatureHash === 'SHA-1' || /md5|md2/i.test(cert.summary.signatureAlgorithm)) {
      add('error', 'weak-signature', `"${cert.summary.subject}" is signed with ${cert.summary.signatureAlgorithm}, which browsers reject.`, 'Ask the CA to reissue with SHA-256.');
    }
  }
  if (leaf.summary.selfSigned) {
    add('warning', 'self-signed', 'The site certificate is self-signed: browsers and AD FS will not trust it.', 'Send the CSR from step 1 to a CA your users\' browsers trust.');
  }
  if (leaf.summary.isCa) {
    add('warning', 'leaf-is-ca', 'The site certificate is a CA certificate (basicConstraints CA:TRUE).', 'Ask the CA for an end-entity web server certificate.');
  }
  return findings;
}

/** Dates of the leaf and of every issuer; separate so a saved import can be re-judged against today's clock. */
export function validityFindings(leaf: ParsedCertificate, issuers: ParsedCertificate[], now: Date): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], id: string, what: string, fix: string) => findings.push({ severity, id, what, fix });
  const notBefore = leaf.fields.notBefore;
  const notAfter = leaf.fields.notAfter;
  if (now < notBefore) {
    add('error', 'validity', `The certificate is not valid yet: it starts on ${day(notBefore)}.`, 'Check this computer\'s clock and the site\'s clock; wait until the start date, or ask the CA to reissue.');
  } else if (now > notAfter) {
    add('error', 'validity', `The certificate expired on ${day(notAfter)}.`, 'Generate a new CSR (step 1) and have it signed again.');
  } else if (notAfter.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) {
    const days = Math.ceil((notAfter.getTime() - now.getTime()) / DAY_MS);
    add('warning', 'validity', `The certificate expires in ${days} day(s), on ${day(notAfter)}.`, 'Plan the renewal now: generate a new CSR and have it signed before that date.');
  } else {
    add('ok', 'validity', `Valid from ${day(notBefore)} until ${day(notAfter)}.`, 'Nothing to do.');
  }
  for (const issuer of issuers) {
    if (now > issuer.fields.notAfter || now < issuer.fields.notBefore) {
      add('error', 'issuer-validity', `The issuing certificate "${issuer.summary.subject}" is outside its validity (until ${day(issuer.fields.notAfter)}).`, 'Get the current intermediate certificates from your CA.');
    }
  }
  return findings;
}
