/**
 * What the wizard says about an imported certificate: every finding has a severity, what was found, and how
 * to fix it. Pure: the clock and the facts (chain, key match) are passed in.
 */
import type { Finding, StoredCsr } from '../../../shared/api/cert-schemas.js';
import type { ParsedCertificate } from './certificate-summary.js';
import type { BuiltChain } from './chain-builder.js';
import { csrLabel, fingerprintText, IMPORT_ON_SITE } from './csr-label.js';
import { hostFindings, keyFindings, signatureHashFindings } from './subject-findings.js';
import { x509 } from './x509-library.js';

/** How the certificate relates to the profile's expected key (the newest CSR, whoever holds its private key). */
export type KeyMatch =
  | { kind: 'expected'; csr: StoredCsr; total: number }
  | { kind: 'older'; csr: StoredCsr; expected: StoredCsr }
  | { kind: 'pfx' }
  | { kind: 'pfx-mismatch' }
  | { kind: 'unknown'; certKeyHash: string; expected: StoredCsr; total: number }
  | { kind: 'no-expected-key'; certKeyHash: string }
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

  findings.push(...keyMatchFindings(facts.keyMatch));

  if (leaf.summary.selfSigned) {
    add(
      'error',
      'self-signed',
      'The site certificate is self-signed: no CA vouches for it, so users\' browsers, meeting clients and AD FS will not trust it.',
      'Send the site\'s CSR (step 1) to a CA your users\' browsers trust and import the certificate it issues.',
    );
  }
  // Chain: complete, ordered, up to a trusted root.
  const names = [...built.chain.map((cert) => cert.commonName ?? cert.summary.subject), ...(built.root ? [built.root.commonName ?? built.root.summary.subject] : [])];
  // A self-signed certificate has no chain to complete: the finding above says all there is.
  if (leaf.summary.selfSigned) {
    // nothing more
  } else if (built.missingIssuer) {
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

  findings.push(...hostFindings('certificate', host, leaf.summary.sans, leaf.commonName));

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
  findings.push(...keyFindings('certificate', leaf.summary.key));
  for (const cert of [leaf, ...built.chain.slice(1)]) {
    findings.push(...signatureHashFindings('certificate', cert.summary.subject, cert.summary.signatureAlgorithm, cert.signatureHash));
  }
  if (leaf.summary.isCa) {
    add('warning', 'leaf-is-ca', 'The site certificate is a CA certificate (basicConstraints CA:TRUE).', 'Ask the CA for an end-entity web server certificate.');
  }
  return findings;
}

function keyMatchFindings(match: KeyMatch): Finding[] {
  const one = (severity: Finding['severity'], what: string, fix: string): Finding[] => [{ severity, id: 'key-match', what, fix }];
  switch (match.kind) {
    case 'expected': {
      const which = match.total > 1 ? ` (the newest of the ${match.total} CSRs of this profile)` : '';
      if (match.csr.source === 'site') {
        return one('ok', `The certificate matches ${csrLabel(match.csr)}${which}: import it on the site with ${IMPORT_ON_SITE}.`, 'Nothing to do.');
      }
      return one('ok', `The certificate matches ${csrLabel(match.csr)}${which}; the wizard holds its private key.`, 'Nothing to do.');
    }
    case 'older':
      if (match.csr.source === 'site') {
        return one(
          'error',
          `The certificate belongs to an older CSR, ${csrLabel(match.csr)}; the site's current key is the one of ${csrLabel(match.expected)}, so the site will refuse it.`,
          'Send the newest CSR from the site to the CA and import the certificate it issues (or record the CSR the site holds now in step 1).',
        );
      }
      return one(
        'warning',
        `The certificate belongs to an older CSR, ${csrLabel(match.csr)}, not to the expected key (${csrLabel(match.expected)}).`,
        'The wizard still holds that older key, so a PFX works; if the newest CSR was meant, send it to the CA instead.',
      );
    case 'pfx':
      return one('ok', 'The certificate matches the private key inside the PFX file.', 'Nothing to do.');
    case 'pfx-mismatch':
      return one('error', 'The private key inside the PFX file does not belong to its certificate.', 'Export the PFX again from the machine that holds the right key.');
    case 'unknown':
      return one(
        'error',
        `The certificate's public key (SHA-256 ${fingerprintText(match.certKeyHash)}) matches none of the ${match.total} CSR(s) of this profile; the expected key is ${csrLabel(match.expected)} (SHA-256 ${fingerprintText(match.expected.publicKeyHash)}).`,
        'The CA issued it for another CSR: send it the expected CSR (step 1) and import what it issues. If the CSR was made somewhere else, load it in step 1 first.',
      );
    case 'no-expected-key':
      return one(
        'warning',
        `No CSR is recorded for this profile, so the wizard cannot tell whose key this certificate (public key SHA-256 ${fingerprintText(match.certKeyHash)}) belongs to.`,
        'In step 1, load the CSR downloaded from the site (or make one here), then import the certificate again.',
      );
    case 'unchecked':
      return [{ severity: 'warning', id: 'key-match', what: `The key match was not checked: ${match.reason}`, fix: 'Give the key passphrase (or unlock the keychain) and import again.' }];
  }
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
