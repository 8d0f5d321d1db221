import { describe, expect, it } from 'vitest';
import type { KeyType, SignatureHash } from '../../../../shared/api/cert-schemas.js';
import { buildCsr } from '../../../../main/domains/certs/csr-builder.js';
import { parseCsr } from '../../../../main/domains/certs/csr-parser.js';
import { generateSiteKeyPair } from '../../../../main/domains/certs/key-generator.js';
import { openssl, opensslResult } from './openssl-tool.js';

const CASES: { name: string; keyType: KeyType; hash: SignatureHash; keyText: string; sigText: string; opensslSig: string }[] = [
  { name: 'RSA 2048 SHA-256', keyType: 'rsa-2048', hash: 'sha256', keyText: 'RSA 2048 bits', sigText: 'RSA PKCS#1 v1.5 with SHA-256', opensslSig: 'sha256WithRSAEncryption' },
  { name: 'RSA 2048 SHA-512', keyType: 'rsa-2048', hash: 'sha512', keyText: 'RSA 2048 bits', sigText: 'RSA PKCS#1 v1.5 with SHA-512', opensslSig: 'sha512WithRSAEncryption' },
  { name: 'RSA 3072 SHA-384', keyType: 'rsa-3072', hash: 'sha384', keyText: 'RSA 3072 bits', sigText: 'RSA PKCS#1 v1.5 with SHA-384', opensslSig: 'sha384WithRSAEncryption' },
  { name: 'ECDSA P-256 SHA-256', keyType: 'ecdsa-p256', hash: 'sha256', keyText: 'ECDSA P-256', sigText: 'ECDSA with SHA-256', opensslSig: 'ecdsa-with-SHA256' },
  { name: 'ECDSA P-384 SHA-384', keyType: 'ecdsa-p384', hash: 'sha384', keyText: 'ECDSA P-384', sigText: 'ECDSA with SHA-384', opensslSig: 'ecdsa-with-SHA384' },
];

describe('buildCsr, cross-checked by openssl req -verify', () => {
  it.each(CASES)('$name', async ({ keyType, hash, keyText, sigText, opensslSig }) => {
    const keys = await generateSiteKeyPair(keyType);
    const pem = await buildCsr({
      subject: { commonName: 'meet.example.com', organization: 'Example Ltd', organizationalUnit: 'IT', locality: 'Berlin', state: 'Berlin', country: 'DE', email: 'admin@example.com' },
      dnsNames: ['meet.example.com', '*.meet.example.com', 'join.example.com'],
      hash,
      ...keys,
    });
    const verified = opensslResult(['req', '-verify', '-noout', '-text'], pem);
    expect(verified.status).toBe(0);
    const text = verified.stdout;
    expect(text).toContain('Subject: C = DE, ST = Berlin, L = Berlin, O = Example Ltd, OU = IT, CN = meet.example.com, emailAddress = admin@example.com');
    expect(text).toMatch(/DNS:meet\.example\.com, DNS:\*\.meet\.example\.com, DNS:join\.example\.com/);
    expect(text).toContain(`Signature Algorithm: ${opensslSig}`);
    const parsed = await parseCsr(new TextEncoder().encode(pem), 'meet.example.com.csr');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ commonName: 'meet.example.com', signatureValid: true, publicKeyHash: keys.publicKeyHash });
    expect(parsed.value.sans).toEqual(['meet.example.com', '*.meet.example.com', 'join.example.com']);
    expect(parsed.value.key.text).toBe(keyText);
    expect(parsed.value.signatureAlgorithm).toBe(sigText);
  });

  it('openssl computes the same public key hash that the profile records', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const pem = await buildCsr({ subject: { commonName: 'meet.example.com' }, dnsNames: ['meet.example.com'], hash: 'sha256', ...keys });
    const spki = Buffer.from(
      openssl(['req', '-noout', '-pubkey'], pem)
        .replace(/-----[A-Z ]+-----/g, '')
        .replace(/\s+/g, ''),
      'base64',
    );
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(spki).digest('hex')).toBe(keys.publicKeyHash);
  });
});
