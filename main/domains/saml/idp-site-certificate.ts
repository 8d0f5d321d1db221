/**
 * "IdP certificate for the site": the IdP's signing certificates from the metadata the wizard holds, which one it
 * signs with now (seen in the last test sign-in), and the Base64 .cer the site's SSO settings take (AD FS calls
 * it "Base-64 encoded X.509 (.CER)": PEM text). Saving one records which certificate the site holds, so a later
 * signature by another published certificate is a rollover (8) rather than an unknown key (23).
 */
import type { IdpSettings, IdpSiteCertificates, SiteIdpCertificateRecord } from '../../../shared/saml/idp-settings.js';
import { readCertificate } from './certificate-text.js';

function signingCertificates(settings: IdpSettings): IdpSettings['signingCertificates'] {
  return settings.signingCertificates.filter((c) => c.use !== 'encryption');
}

/** What the site trusts: the certificate saved for it when there is one, else every published signing certificate. */
export function trustForSite(settings: IdpSettings): { certificatesPem: string[]; metadataCertificatesPem: string[] } {
  const all = signingCertificates(settings);
  const saved = settings.siteCertificate ? all.find((c) => c.sha256Fingerprint === settings.siteCertificate?.sha256Fingerprint) : undefined;
  return { certificatesPem: saved ? [saved.pem] : all.map((c) => c.pem), metadataCertificatesPem: all.map((c) => c.pem) };
}

export interface LastSigning {
  /** SHA-256 fingerprint of the certificate that verified the last test sign-in's signature (null when none did). */
  sha256Fingerprint: string | null;
  at: string;
}

export function siteCertificatesView(settings: IdpSettings, last: LastSigning | null, now: Date): IdpSiteCertificates {
  const certificates = signingCertificates(settings).map((c) => {
    const read = readCertificate(c.pem);
    const issuer = read.ok ? read.certificate.issuer.replace(/\n/g, ', ') : '';
    const state = Date.parse(c.notAfter) <= now.getTime() ? 'expired' : Date.parse(c.notBefore) > now.getTime() ? 'not-yet-valid' : 'valid';
    const signsNow = last?.sha256Fingerprint ? last.sha256Fingerprint === c.sha256Fingerprint : null;
    return { subject: c.subject, issuer, notBefore: c.notBefore, notAfter: c.notAfter, sha256Fingerprint: c.sha256Fingerprint, state, signsNow, savedForSite: settings.siteCertificate?.sha256Fingerprint === c.sha256Fingerprint } as const;
  });
  const single = certificates.length === 1;
  const signsNowSource = last?.sha256Fingerprint
    ? `Seen in the test sign-in of ${last.at}.`
    : single
      ? 'The IdP publishes one signing certificate; a test sign-in confirms it signs with it.'
      : 'Not known yet: run a test sign-in (step 5) to see which one the IdP signs with now.';
  return { entityId: settings.entityId, certificates: single && !last?.sha256Fingerprint ? certificates.map((c) => ({ ...c, signsNow: c.signsNow ?? null })) : certificates, signsNowSource, saved: settings.siteCertificate ?? null };
}

function fileStem(entityId: string | null): string {
  let host = 'idp';
  try {
    if (entityId) host = new URL(entityId).hostname || host;
  } catch {
    // an entity ID need not be a URL (urn:…)
  }
  return host.replace(/[^a-z0-9.-]/gi, '_');
}

export type SiteCertificateFile = { ok: true; fileName: string; content: string; record: SiteIdpCertificateRecord } | { ok: false; problem: string };

/** The .cer for the site, and the record of having saved it (the caller stores the record). */
export function siteCertificateFile(settings: IdpSettings, sha256Fingerprint: string, now: Date): SiteCertificateFile {
  const chosen = signingCertificates(settings).find((c) => c.sha256Fingerprint === sha256Fingerprint);
  if (!chosen) return { ok: false, problem: `The IdP metadata holds no signing certificate with the SHA-256 fingerprint ${sha256Fingerprint}. Import the IdP metadata again, then choose one of its certificates.` };
  const read = readCertificate(chosen.pem);
  if (!read.ok) return { ok: false, problem: read.problem };
  const fileName = `${fileStem(settings.entityId)}-token-signing-${sha256Fingerprint.replace(/:/g, '').slice(0, 8).toLowerCase()}.cer`;
  return {
    ok: true,
    fileName,
    content: read.certificate.toString(),
    record: { sha256Fingerprint, subject: chosen.subject, notAfter: chosen.notAfter, savedAt: now.toISOString(), fileName },
  };
}
