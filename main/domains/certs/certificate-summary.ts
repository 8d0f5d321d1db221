/** One certificate, parsed once with both Node's X509Certificate (verification) and @peculiar/x509 (fields). */
import { X509Certificate } from 'node:crypto';
import type { CertificateSummary } from '../../../shared/api/cert-schemas.js';
import { describeKey } from './key-description.js';
import { spkiHash } from './key-generator.js';
import { x509 } from './x509-library.js';
import { alternativeNames, firstCommonName, safeSignatureAlgorithm } from './x509-text.js';

export interface ParsedCertificate {
  der: Uint8Array;
  pem: string;
  node: X509Certificate;
  fields: x509.X509Certificate;
  summary: CertificateSummary;
  commonName: string | null;
  /** Hash name of the signature ("SHA-1", "SHA-256"…), or null when unknown. */
  signatureHash: string | null;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const node = new X509Certificate(der);
  const fields = new x509.X509Certificate(new Uint8Array(der));
  const signature = safeSignatureAlgorithm(() => fields.signatureAlgorithm);
  // Issuer equals subject and its own key verifies it. Not checkIssued(): that also demands keyCertSign, which a
  // self-signed *leaf* (openssl req -x509 with a TLS key usage) lacks, and it would then be taken for a chain
  // missing its issuer.
  const selfSigned = node.subject === node.issuer && safeVerify(node);
  return {
    der,
    pem: node.toString(),
    node,
    fields,
    commonName: firstCommonName(fields.subjectName),
    signatureHash: signature.hash,
    summary: {
      subject: fields.subject,
      issuer: fields.issuer,
      serialNumber: fields.serialNumber,
      notBefore: fields.notBefore.toISOString(),
      notAfter: fields.notAfter.toISOString(),
      sans: alternativeNames(fields.getExtension('2.5.29.17')),
      key: describeKey(node.publicKey),
      signatureAlgorithm: signature.text,
      sha256Fingerprint: node.fingerprint256,
      publicKeyHash: spkiHash(new Uint8Array(node.publicKey.export({ type: 'spki', format: 'der' }))),
      isCa: node.ca,
      selfSigned,
    },
  };
}

function safeVerify(node: X509Certificate): boolean {
  try {
    return node.verify(node.publicKey);
  } catch {
    return false;
  }
}
