/**
 * What the AD FS side needs to know about the site certificate before it goes into the bundle: its SHA-1
 * thumbprint (how Windows and AD FS name a certificate), its key type and its validity. AD FS takes RSA only
 * for relying-party request signing (-SignatureAlgorithm is rsa-sha1 or rsa-sha256, ADFS module reference):
 * a warning, since the trust can still be made and the TLS certificate may be ECDSA on purpose. AD FS refuses
 * metadata that carries an expired certificate, so dates are blockers.
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

export interface CertificateProblem {
  what: string;
  message: string;
  /** true: the export refuses; false: it goes ahead with the warning shown. */
  blocks: boolean;
}

/** A sentence for each reason AD FS cannot (or can only partly) use the certificate now; empty when it can. */
export function siteCertificateProblems(facts: SiteCertificateFacts, now: Date): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (facts.keyType !== 'rsa') {
    problems.push({
      blocks: false,
      what: 'site certificate key type',
      message: `The site certificate has an ${facts.keyType.toUpperCase()} key, but AD FS verifies a relying party's signed requests with RSA only (rsa-sha256): if the site signs its SAML requests with this certificate, AD FS rejects them (MSIS1016 / ID6018). For SSO, start again from an RSA key in step 1.`,
    });
  }
  if (facts.notAfter.getTime() < now.getTime()) {
    problems.push({
      blocks: true,
      what: 'site certificate expired',
      message: `The site certificate expired on ${day(facts.notAfter)}; AD FS refuses metadata carrying an expired certificate and the site cannot use it either. Renew it (steps 1 and 2), then export again.`,
    });
  }
  if (facts.notBefore.getTime() > now.getTime()) {
    problems.push({
      blocks: true,
      what: 'site certificate not yet valid',
      message: `The site certificate is valid only from ${day(facts.notBefore)}. Check this computer's clock, or wait until then, then export again.`,
    });
  }
  return problems;
}
