/**
 * The working configuration, as kept after a test sign-in that would sign in, and as it stands now: site
 * certificate and chain fingerprints, IdP entity ID and signing certificates, SP entity ID, ACS URL, a digest of
 * the claim rules step 3 writes, and the signature algorithm of the response. After a restore, the difference
 * between the two is the list of what changed.
 */
import { createHash, X509Certificate } from 'node:crypto';
import * as z from 'zod';
import type { HealthFinding } from '../../../shared/api/health-schemas.js';
import type { FixTarget } from '../../../shared/sso-errors/fix-targets.js';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import { AdfsSettingsStore } from '../../domains/adfs/adfs-settings-store.js';
import { buildClaimRulesText } from '../../domains/adfs/claim-rules-builder.js';
import { loadSiteCertificate } from '../../domains/certs/site-credentials.js';
import { readIdpSettings } from '../../domains/saml/idp-store.js';
import { attributeOf, descendants, NS, parseXmlSafely } from '../../domains/saml/xml-parser.js';
import type { CoreContext } from '../core/core-context.js';
import { findProfile } from '../core/find-profile.js';

export const GoodStateSchema = z.object({
  keptAt: z.string(),
  siteCertificate: z.string().nullable(),
  siteChain: z.array(z.string()),
  idpEntityId: z.string().nullable(),
  idpSigningCertificates: z.array(z.string()),
  spEntityId: z.string(),
  acsUrl: z.string(),
  claimRulesDigest: z.string(),
  signatureAlgorithm: z.string().nullable(),
});
export type GoodState = z.infer<typeof GoodStateSchema>;

function fingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return createHash('sha256').update(pem).digest('hex');
  }
}

/** The SignatureMethod of the first signature in the response (Response or Assertion), as received. */
export function signatureAlgorithmOf(report: ValidationReport | null | undefined): string | null {
  const xml = report?.decoded.xml;
  if (!xml) return null;
  const parsed = parseXmlSafely(xml);
  if (!parsed.ok) return null;
  return attributeOf(descendants(parsed.document, NS.ds, 'SignatureMethod')[0], 'Algorithm');
}

/** The configuration as it stands now (signatureAlgorithm: the one given, from the last captured response). */
export async function currentState(context: CoreContext, profileId: string, signatureAlgorithm: string | null): Promise<GoodState | null> {
  const profile = await findProfile(context, profileId);
  if (!profile.ok) return null;
  const site = await loadSiteCertificate(context.dataDir, profileId).catch(() => null);
  const idp = await readIdpSettings(context.dataDir, profileId);
  const adfs = await new AdfsSettingsStore(context.dataDir, profileId).read(profile.value.host);
  return {
    keptAt: context.now().toISOString(),
    siteCertificate: site ? fingerprint(site.leafPem) : null,
    siteChain: site ? site.chainPem.map(fingerprint) : [],
    idpEntityId: idp?.entityId ?? null,
    idpSigningCertificates: (idp?.signingCertificates ?? []).filter((c) => c.use !== 'encryption').map((c) => c.sha256Fingerprint).sort(),
    spEntityId: profile.value.spEntityId,
    acsUrl: profile.value.acsUrl,
    claimRulesDigest: createHash('sha256').update(buildClaimRulesText(adfs.ok ? adfs.value.ldapAttributes : undefined)).digest('hex'),
    signatureAlgorithm,
  };
}

interface Field {
  key: Exclude<keyof GoodState, 'keptAt'>;
  label: string;
  fixTarget: FixTarget;
  fix: string;
  codes: number[];
}

const FIELDS: readonly Field[] = [
  { key: 'siteCertificate', label: 'Site certificate (step 2)', fixTarget: 'import', fix: 'If the site got a new certificate on purpose, export it to AD FS again (step 3) and run a test sign-in; otherwise import the working one again.', codes: [] },
  { key: 'siteChain', label: 'Site certificate chain', fixTarget: 'import', fix: 'Import the full chain again in step 2 and put it on the site.', codes: [] },
  { key: 'idpEntityId', label: 'IdP entity ID', fixTarget: 'idp-certificate', fix: 'Put the IdP entity ID into the site\'s SSO settings again, or import the right IdP metadata.', codes: [24] },
  { key: 'idpSigningCertificates', label: 'IdP signing certificates', fixTarget: 'idp-certificate', fix: 'Save the IdP\'s current signing certificate for the site (IdP certificate for the site) and upload it on the site.', codes: [8, 23] },
  { key: 'spEntityId', label: 'SP entity ID', fixTarget: 'adfs', fix: 'Set the relying party\'s identifier again (step 3 script) or change the profile back.', codes: [] },
  { key: 'acsUrl', label: 'ACS URL', fixTarget: 'adfs', fix: 'Set the relying party\'s SAML endpoint again (step 3 script) or change the profile back.', codes: [14] },
  { key: 'claimRulesDigest', label: 'Claim rules', fixTarget: 'attributes', fix: 'Check the claim rules (step 4) and apply them to the relying party (step 3 script).', codes: [31, 32] },
  { key: 'signatureAlgorithm', label: 'Signature algorithm', fixTarget: 'adfs', fix: 'Set the relying party\'s signature algorithm back (step 3 script: -SignatureAlgorithm).', codes: [23] },
];

/** Fingerprints and digests shortened to their first bytes (enough to tell them apart in a line). */
function short(value: string): string {
  return /^[0-9a-f:]{40,}$/i.test(value) ? `${value.slice(0, 23)}…` : value;
}

function show(value: GoodState[keyof GoodState]): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(short).join(', ') : '(none)';
  return short(value);
}

/** One finding per difference, or one "ok" finding when nothing changed (and one warning when no good state was kept). */
export function driftFindings(kept: GoodState | null, now: GoodState | null): HealthFinding[] {
  if (!kept) {
    return [{ id: 'drift:no-good-state', check: 'drift', severity: 'warning', subject: 'Drift since the last good state', fact: 'No good state is kept yet: it is kept after a test sign-in that would sign in.', actBy: null, fix: 'Run a test sign-in (step 5) once sign-in works, so later changes can be listed.', fixTarget: 'test', ssoErrorCodes: [] }];
  }
  if (!now) return [];
  const findings: HealthFinding[] = [];
  for (const field of FIELDS) {
    const before = kept[field.key];
    const after = now[field.key];
    // The signature algorithm is only known from a captured response: no response now is not a change.
    if (field.key === 'signatureAlgorithm' && after === null) continue;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    findings.push({
      id: `drift:${field.key}`,
      check: 'drift',
      severity: 'warning',
      subject: field.label,
      fact: `Changed since the good state of ${kept.keptAt.slice(0, 16).replace('T', ' ')} UTC: was ${show(before)}, now ${show(after)}.`,
      actBy: null,
      fix: field.fix,
      fixTarget: field.fixTarget,
      ssoErrorCodes: field.codes,
    });
  }
  if (findings.length === 0) {
    findings.push({ id: 'drift:none', check: 'drift', severity: 'ok', subject: 'Drift since the last good state', fact: `Nothing changed since the good state of ${kept.keptAt.slice(0, 16).replace('T', ' ')} UTC.`, actBy: null, fix: null, fixTarget: null, ssoErrorCodes: [] });
  }
  return findings;
}
