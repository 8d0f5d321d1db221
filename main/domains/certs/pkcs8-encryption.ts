/**
 * Passphrase-encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo) with PBES2 (RFC 8018 §6.2): PBKDF2-HMAC-SHA256
 * at OWASP's current work factor and AES-256-CBC. Node's KeyObject.export would write the same structure but
 * with OpenSSL's fixed 2048 iterations; here the count is chosen, and like every PBES2 file the parameters (salt,
 * count, PRF, IV) are in the file, so OpenSSL, Node (createPrivateKey) and older wizard files read the same way.
 */
import { createCipheriv, pbkdf2, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type forge from 'node-forge';

/** OWASP Password Storage Cheat Sheet (2023+): PBKDF2-HMAC-SHA256, 600,000 iterations. */
export const KEY_FILE_PBKDF2_ITERATIONS = 600_000;

/** Anything that protects a private key (key file, PFX): at least this many characters. */
export const MIN_KEY_PASSPHRASE_LENGTH = 12;

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
};

export async function encryptPkcs8(privateKey: KeyObject, passphrase: string, iterations = KEY_FILE_PBKDF2_ITERATIONS): Promise<string> {
  // node-forge (hundreds of KB) is loaded when a key file is written, not by every command that reaches key
  // custody through the profiles (status, check, browser mode's first screen): test/main/doors/cli/lazy-loading.test.ts.
  const { asn1 } = (await import('node-forge')).default;
  const U = asn1.Class.UNIVERSAL;
  const oid = (value: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
  const octets = (bytes: Buffer) => asn1.create(U, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
  const integer = (value: number) => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
  const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, items);
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  // Node's pbkdf2 runs on the libuv thread pool: 600,000 rounds do not block the event loop.
  const key = await promisify(pbkdf2)(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const info = seq([
    seq([
      oid(OID.pbes2),
      seq([
        seq([oid(OID.pbkdf2), seq([octets(salt), integer(iterations), seq([oid(OID.hmacWithSha256), asn1.create(U, asn1.Type.NULL, false, '')])])]),
        seq([oid(OID.aes256Cbc), octets(iv)]),
      ]),
    ]),
    octets(encrypted),
  ]);
  const der = Buffer.from(asn1.toDer(info).getBytes(), 'binary');
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
}

/** Why a passphrase may not protect a private key, or null when it may. */
export function keyPassphraseProblem(passphrase: string, reused?: { what: string; value: string | undefined }): string | null {
  if ([...passphrase].length < MIN_KEY_PASSPHRASE_LENGTH) return `A passphrase that protects a private key needs at least ${MIN_KEY_PASSPHRASE_LENGTH} characters.`;
  if (reused?.value !== undefined && reused.value === passphrase) return `Choose a new passphrase for the key, not the ${reused.what}.`;
  return null;
}
