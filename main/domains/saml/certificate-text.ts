/**
 * Reads an X.509 certificate in the forms IdPs hand it out: PEM, Base64 without armour (what AD FS's
 * "Base-64 encoded X.509 (.CER)" export and ds:X509Certificate contain), or raw DER bytes. Also summarises a
 * certificate for reports (subject, issuer, validity, SHA-256 fingerprint).
 */
import { X509Certificate } from 'node:crypto';
import type { SigningCertificate } from '../../../shared/saml/validation-report.js';

export type CertificateReadResult = { ok: true; pem: string; certificate: X509Certificate } | { ok: false; problem: string };

export function pemFromBase64(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

export function readCertificate(input: string | Uint8Array, what = 'The certificate'): CertificateReadResult {
  try {
    if (typeof input !== 'string') {
      const asText = Buffer.from(input).toString('latin1');
      if (asText.includes('-----BEGIN')) return readCertificate(asText, what);
      const certificate = new X509Certificate(Buffer.from(input));
      return { ok: true, certificate, pem: certificate.toString() };
    }
    const text = input.trim();
    if (text === '') return { ok: false, problem: `${what} is empty.` };
    const pemBlock = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/.exec(text);
    const base64 = pemBlock ? (pemBlock[1] as string) : text;
    if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) {
      return { ok: false, problem: `${what} is neither PEM nor Base64. Export it from AD FS as "Base-64 encoded X.509 (.CER)", or paste the PEM text.` };
    }
    const certificate = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    return { ok: true, certificate, pem: certificate.toString() };
  } catch (error) {
    return { ok: false, problem: `${what} could not be read as an X.509 certificate (${(error as Error).message.split('\n')[0]}). Export it again from the IdP.` };
  }
}

export function summariseCertificate(certificate: X509Certificate, source: SigningCertificate['source']): SigningCertificate {
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    sha256Fingerprint: certificate.fingerprint256,
    source,
    pem: certificate.toString(),
  };
}
