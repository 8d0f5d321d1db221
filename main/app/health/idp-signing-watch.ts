/**
 * IdP signing-certificate watch: the metadata read again (from its URL when the administrator imported it by
 * URL, else the stored copy), every signing certificate with its validity, a certificate that is new since the
 * last check or published beside the one the site trusts, with the date it is likely to take over, and the
 * comparison with the IdP certificate the site trusts. AD FS AutoCertificateRollover (docs/domain.md): the next
 * certificate is generated CertificateGenerationThreshold days (default 20) before the primary expires and
 * promoted CertificatePromotionThreshold days (default 5) later.
 */
import { X509Certificate } from 'node:crypto';
import type { HealthFinding } from '../../../shared/api/health-schemas.js';
import type { IdpSettings } from '../../../shared/saml/idp-settings.js';
import type { IdpCertificate } from '../../domains/saml/idp-metadata-parser.js';
import { parseIdpMetadata } from '../../domains/saml/idp-metadata-parser.js';
import { verifyEnvelopedSignature } from '../../domains/saml/signature-verifier.js';
import { firstChild, NS, parseXmlSafely } from '../../domains/saml/xml-parser.js';

export const ADFS_GENERATION_DAYS = 20;
export const ADFS_PROMOTION_DAYS = 5;
const DAY = 86_400_000;

export type MetadataSource = { kind: 'url'; url: string; fetched: { ok: true; text: string } | { ok: false; problem: string } } | { kind: 'stored'; importedAt: string };

export interface WatchInput {
  stored: IdpSettings;
  source: MetadataSource;
  /** The IdP certificate the site trusts: the record of "IdP certificate for the site", or a file given. */
  siteTrusts: { sha256Fingerprint: string; from: string } | null;
  /** Fingerprint -> first seen (ISO 8601), from earlier checks. */
  seen: Record<string, string>;
  now: Date;
  generationDays?: number;
  promotionDays?: number;
}

export interface WatchOutput {
  findings: HealthFinding[];
  /** Every signing certificate published now (for the expiry horizon). */
  published: IdpCertificate[];
  seen: Record<string, string>;
}

const day = (iso: string) => iso.slice(0, 10);
const name = (c: Pick<IdpCertificate, 'subject' | 'sha256Fingerprint'>) => `${c.subject} (SHA-256 ${c.sha256Fingerprint.slice(0, 11)}…)`;

function finding(id: string, severity: HealthFinding['severity'], subject: string, fact: string, fix: string | null, actBy: string | null = null, codes: number[] = []): HealthFinding {
  return { id: `idp:${id}`, check: 'idp-signing', severity, subject, fact, actBy, fix, fixTarget: fix ? 'idp-certificate' : null, ssoErrorCodes: codes };
}

/** A signed metadata document must verify with a certificate already known for this IdP (SAML metadata §3). */
function signatureProblem(text: string, known: readonly string[]): string | null {
  const parsed = parseXmlSafely(text, { what: 'The IdP metadata' });
  if (!parsed.ok) return parsed.problem;
  const signature = firstChild(parsed.root, NS.ds, 'Signature');
  if (!signature) return null;
  const verdict = verifyEnvelopedSignature(text, parsed.root, signature, known);
  return verdict.status === 'valid' ? null : `The metadata's signature does not verify with the IdP signing certificates known so far: ${verdict.problem}.`;
}

export function watchIdpSigning(input: WatchInput): WatchOutput {
  const subject = 'IdP signing certificates';
  const findings: HealthFinding[] = [];
  let published: IdpCertificate[] = input.stored.signingCertificates.filter((c) => c.use !== 'encryption');
  if (input.source.kind === 'url') {
    const { url, fetched } = input.source;
    if (!fetched.ok) {
      findings.push(finding('metadata-unreachable', 'error', subject, `The IdP metadata could not be read again from ${url}: ${fetched.problem}`, 'Check the address and the network, or import FederationMetadata.xml again (IdP settings).'));
      return { findings, published: [], seen: input.seen };
    }
    const parsed = parseIdpMetadata(fetched.text, input.now);
    if (!parsed.ok || parsed.metadata.source !== 'metadata') {
      findings.push(finding('metadata-format', 'error', subject, `${url} does not serve usable IdP metadata: ${parsed.ok ? 'it is a bare certificate, not an EntityDescriptor' : parsed.problem}`, 'Check the metadata URL (AD FS: /FederationMetadata/2007-06/FederationMetadata.xml) in the IdP settings.'));
      return { findings, published: [], seen: input.seen };
    }
    const badSignature = signatureProblem(fetched.text, input.stored.signingCertificates.map((c) => c.pem));
    if (badSignature) {
      findings.push(finding('metadata-signature', 'error', subject, `${url}: ${badSignature}`, 'Do not trust this metadata: check with the IdP\'s administrators, then import it again (IdP settings) once it is known to be genuine.', null, [23]));
      return { findings, published: [], seen: input.seen };
    }
    published = parsed.metadata.signingCertificates;
    if (input.stored.entityId && parsed.metadata.entityId && parsed.metadata.entityId !== input.stored.entityId) {
      findings.push(finding('entity-id', 'error', subject, `The metadata now names the entity ID ${parsed.metadata.entityId}, not ${input.stored.entityId} as imported.`, 'Import the metadata again and put the new entity ID into the site\'s SSO settings.', null, [24]));
    }
  } else {
    findings.push(finding('metadata-stored', 'warning', subject, `Read from the copy imported on ${day(input.source.importedAt)}: no metadata URL is known, so a rollover published since is not seen.`, 'Import the IdP metadata by its URL (IdP settings) so every check reads it again.'));
  }

  const seen = { ...input.seen };
  const firstCheck = Object.keys(input.seen).length === 0;
  const isNew = (c: IdpCertificate) => !firstCheck && !(c.sha256Fingerprint in input.seen);
  for (const c of published) seen[c.sha256Fingerprint] ??= input.now.toISOString();

  const listed = published.map((c) => `${name(c)}, valid ${day(c.notBefore)} to ${day(c.notAfter)}`).join('; ');
  if (published.length === 0) {
    findings.push(finding('none', 'error', subject, 'The IdP metadata holds no signing certificate.', 'Import the IdP metadata again (IdP settings).', null, [23]));
    return { findings, published, seen };
  }

  if (!input.siteTrusts) {
    findings.push(finding('site-unknown', 'warning', subject, `The IdP publishes ${published.length}: ${listed}. Which one the site trusts is not recorded.`, 'Save the IdP certificate for the site (IdP certificate for the site, or sso-wizard idp-certificate --save-current), or pass --site-idp-cert FILE.'));
    return { findings, published, seen };
  }
  const trusted = published.find((c) => c.sha256Fingerprint === input.siteTrusts?.sha256Fingerprint);
  if (!trusted) {
    findings.push(finding('site-not-published', 'error', subject, `The site trusts SHA-256 ${input.siteTrusts.sha256Fingerprint} (${input.siteTrusts.from}), which the IdP no longer publishes; it publishes ${listed}. Sign-ins fail with code 8 or 23.`, 'Upload the IdP\'s current signing certificate on the site now (IdP certificate for the site).', input.now.toISOString(), [8, 23]));
    return { findings, published, seen };
  }

  const generation = input.generationDays ?? ADFS_GENERATION_DAYS;
  const promotion = input.promotionDays ?? ADFS_PROMOTION_DAYS;
  const others = published.filter((c) => c !== trusted);
  for (const other of others) {
    // A successor outlives the certificate it replaces (AD FS makes it valid from its generation on).
    const newer = Date.parse(other.notAfter) > Date.parse(trusted.notAfter);
    if (!newer) {
      findings.push(finding(`older:${other.sha256Fingerprint}`, 'ok', subject, `The IdP still publishes the older ${name(other)} beside the one the site trusts, until ${day(other.notAfter)}.`, null));
      continue;
    }
    // Promotion: generation + promotion days; AD FS generates `generation` days before the primary expires.
    const byGeneration = new Date(Date.parse(other.notBefore) + promotion * DAY);
    const byPrimaryExpiry = new Date(Date.parse(trusted.notAfter) - (generation - promotion) * DAY);
    const takeover = byGeneration < byPrimaryExpiry ? byGeneration : byPrimaryExpiry;
    const started = takeover.getTime() <= input.now.getTime();
    const newness = isNew(other) ? ' It is new since the last check.' : ` First seen ${day(seen[other.sha256Fingerprint] ?? input.now.toISOString())}.`;
    findings.push(
      finding(
        `rollover:${other.sha256Fingerprint}`,
        started ? 'error' : 'warning',
        subject,
        `A second signing certificate is published: ${name(other)}, valid ${day(other.notBefore)} to ${day(other.notAfter)}.${newness} The site does not have it. The IdP will sign with a certificate the site does not have from about ${day(takeover.toISOString())} (AD FS promotes it CertificatePromotionThreshold = ${promotion} days after generating it: ${day(byGeneration.toISOString())}; it generates it CertificateGenerationThreshold = ${generation} days before the current one expires on ${day(trusted.notAfter)}, so promotion by ${day(byPrimaryExpiry.toISOString())} at the latest).`,
        `Upload it now (IdP certificate for the site): the site fails with codes 8/23 once the IdP signs with it.`,
        takeover.toISOString(),
        [8, 23],
      ),
    );
  }
  if (!findings.some((f) => f.severity !== 'ok' && f.id !== 'idp:metadata-stored')) {
    findings.push(finding('site-has-current', 'ok', subject, `The site trusts ${name(trusted)} (${input.siteTrusts.from}), which the IdP publishes; valid until ${day(trusted.notAfter)}.`, null));
  }
  return { findings, published, seen };
}

/** The fingerprint of a certificate file given on the command line (PEM or DER). */
export function fingerprintOf(pemOrDer: string | Buffer): string | null {
  try {
    return new X509Certificate(pemOrDer).fingerprint256;
  } catch {
    return null;
  }
}
