/**
 * Builds a PKCS#10 certificate request (RFC 2986) for a key pair that already exists. Encoding and signing
 * go through @peculiar/x509 on Node's WebCrypto (OpenSSL underneath); the private key never leaves memory.
 */
import type { KeyObject, webcrypto } from 'node:crypto';
import type { SignatureHash } from '../../../shared/api/cert-schemas.js';
import { nodeWebCrypto, x509, x509Crypto } from './x509-library.js';

export interface CsrSubject {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  country?: string;
  email?: string;
}

export interface CsrRequest {
  subject: CsrSubject;
  /** DNS names; the caller puts the site host first (CA/B Forum BR §7.1.2.7.12: the CN must also be a SAN). */
  dnsNames: string[];
  hash: SignatureHash;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const HASH_NAMES: Record<SignatureHash, string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

/** The subject in the usual order (C, ST, L, O, OU, CN, E), as openssl writes it; empty fields left out. */
export function subjectName(subject: CsrSubject): x509.JsonName {
  const entries: [string, string | undefined][] = [
    ['C', subject.country],
    ['ST', subject.state],
    ['L', subject.locality],
    ['O', subject.organization],
    ['OU', subject.organizationalUnit],
    ['CN', subject.commonName],
    ['E', subject.email],
  ];
  return entries.filter((entry): entry is [string, string] => !!entry[1]).map(([key, value]) => ({ [key]: [value] }));
}

export async function buildCsr(request: CsrRequest, crypto: webcrypto.Crypto = nodeWebCrypto): Promise<string> {
  const hash = HASH_NAMES[request.hash];
  const pkcs8 = request.privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = request.publicKey.export({ type: 'spki', format: 'der' });
  let importAlgorithm: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
  let signingAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams;
  if (request.privateKey.asymmetricKeyType === 'rsa') {
    importAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash };
    signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5' };
  } else if (request.privateKey.asymmetricKeyType === 'ec') {
    const curve = request.privateKey.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256';
    importAlgorithm = { name: 'ECDSA', namedCurve: curve };
    signingAlgorithm = { name: 'ECDSA', hash };
  } else {
    throw new Error(`Unsupported key type ${request.privateKey.asymmetricKeyType}`);
  }
  // Node's CryptoKey and the DOM's differ only in the KeyUsage list (Node 24 adds the KEM usages) where a
  // type-check sees both; @peculiar/x509 takes the DOM's.
  const keys = {
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, importAlgorithm, false, ['sign']),
    publicKey: await crypto.subtle.importKey('spki', spki, importAlgorithm, true, ['verify']),
  } as unknown as Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[0]['keys'];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: subjectName(request.subject),
      keys,
      signingAlgorithm,
      extensions: [new x509.SubjectAlternativeNameExtension(request.dnsNames.map((value) => ({ type: 'dns' as const, value })))],
    },
    x509Crypto,
  );
  return csr.toString('pem');
}
