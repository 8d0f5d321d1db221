/**
 * Key pairs from the platform's native crypto (Node's OpenSSL). crypto.generateKeyPair runs on libuv's thread
 * pool, so the event loop — and with it the UI's IPC and the browser-mode server — stays responsive while
 * primes are searched. Never node-forge here: its pure-JavaScript RSA generator is many times slower.
 */
import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyType } from '../../../shared/api/cert-schemas.js';

const generate = promisify(generateKeyPair);

export interface GeneratedKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex. */
  publicKeyHash: string;
}

export async function generateSiteKeyPair(keyType: KeyType): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await generateRaw(keyType);
  return { privateKey, publicKey, publicKeyHash: publicKeyHashOf(publicKey) };
}

function generateRaw(keyType: KeyType): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  switch (keyType) {
    case 'rsa-2048':
      return generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    case 'rsa-3072':
      return generate('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
    case 'rsa-4096':
      return generate('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
    case 'ecdsa-p256':
      return generate('ec', { namedCurve: 'P-256' });
    case 'ecdsa-p384':
      return generate('ec', { namedCurve: 'P-384' });
  }
}

/** The hash the profile records per CSR, so a certificate can be tied to its key without touching the key. */
export function publicKeyHashOf(key: KeyObject): string {
  const spki = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

export function spkiHash(spkiDer: Uint8Array): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}
