/**
 * What the AD FS side needs to know about the site certificate before it goes into the bundle: its SHA-1
 * thumbprint (how Windows and AD FS name a certificate), its key type and its validity. AD FS takes RSA only
 * for relying-party request signing (-SignatureAlgorithm is rsa-sha1 or rsa-sha256, ADFS module reference)
 * and refuses metadata that carries an expired certificate, so both are blockers, not warnings.
 */
import { X509Certificate } from 'node:crypto';

export interface SiteCertificateFacts {
  /** SHA-1 of the DER, upper-case hex without separators: what X509Certificate2.Thumbprint prints. */
  thumbprint: string;
  keyType: string;
  notBefore: Date;
  notAfter: Date;
}

export function siteCertificateFacts(pem: string): SiteCertificateFacts | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return null;
  }
  return {
    thumbprint: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    keyType: certificate.publicKey.asymmetricKeyType ?? 'unknown',
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

/** A sentence for each reason AD FS cannot use the certificate now; empty when it can. */
export function siteCertificateProblems(facts: SiteCertificateFacts, now: Date): { what: string; message: string }[] {
  const problems: { what: string; message: string }[] = [];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (facts.keyType !== 'rsa') {
    problems.push({
      what: 'site certificate key type',
      message: `The site certificate has an ${facts.keyType.toUpperCase()} key, but AD FS verifies a relying party's signed requests with RSA only (rsa-sha256), so it cannot be the trust's request-signing certificate. Start again from an RSA key in step 1.`,
    });
  }
  if (facts.notAfter.getTime() < now.getTime()) {
    problems.push({
      what: 'site certificate expired',
      message: `The site certificate expired on ${day(facts.notAfter)}; AD FS refuses metadata carrying an expired certificate and the site cannot use it either. Renew it (steps 1 and 2), then export again.`,
    });
  }
  if (facts.notBefore.getTime() > now.getTime()) {
    problems.push({
      what: 'site certificate not yet valid',
      message: `The site certificate is valid only from ${day(facts.notBefore)}. Check this computer's clock, or wait until then, then export again.`,
    });
  }
  return problems;
}
