/**
 * Envelope encryption for keychain custody: the OS keychain keeps only a random 256-bit key (44 characters of
 * base64, far below Windows Credential Manager's 2,560-byte CRED_MAX_CREDENTIAL_BLOB_SIZE, which an RSA-4096
 * PKCS#8 PEM of 3,268 bytes exceeds), and the private key lives beside the profile in a file sealed with it
 * (AES-256-GCM, NIST SP 800-38D, with the keychain account as associated data so a file cannot be swapped
 * for another key's). Same custody as before: without the keychain entry the file is useless; any key size fits.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import * as z from 'zod';

/** What the keychain holds for an envelope-kept key: a versioned prefix, then the wrapping key in base64. */
export const ENVELOPE_SECRET_PREFIX = 'sso-wizard-envelope-v1:';

const SealedKeySchema = z.object({
  version: z.literal(1),
  algorithm: z.literal('AES-256-GCM'),
  account: z.string(),
  iv: z.string(),
  tag: z.string(),
  /** The PKCS#8 DER private key, encrypted. */
  ciphertext: z.string(),
});

export function sealedKeyFileName(publicKeyHash: string): string {
  return `key-${publicKeyHash.slice(0, 16)}.sealed.json`;
}

export function sealPrivateKey(privateKey: KeyObject, account: string): { secret: string; file: string } {
  const wrappingKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv).setAAD(Buffer.from(account, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  const sealed = { version: 1, algorithm: 'AES-256-GCM', account, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  return { secret: `${ENVELOPE_SECRET_PREFIX}${wrappingKey.toString('base64')}`, file: `${JSON.stringify(sealed, null, 2)}\n` };
}

/** The private key as PKCS#8 PEM, or why the sealed file does not open with this keychain secret. */
export function openSealedKey(secret: string, fileText: string, account: string): { ok: true; pem: string } | { ok: false; problem: string } {
  let sealed: z.infer<typeof SealedKeySchema>;
  try {
    sealed = SealedKeySchema.parse(JSON.parse(fileText));
  } catch {
    return { ok: false, problem: 'the sealed key file is damaged' };
  }
  if (sealed.account !== account) return { ok: false, problem: 'the sealed key file belongs to another key' };
  const wrappingKey = Buffer.from(secret.slice(ENVELOPE_SECRET_PREFIX.length), 'base64');
  if (wrappingKey.length !== 32) return { ok: false, problem: 'the keychain entry is damaged' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(account, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return { ok: true, pem: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString() };
  } catch {
    return { ok: false, problem: 'the sealed key file does not open with the keychain entry (one of them was replaced or damaged)' };
  }
}
