/**
 * Issue 16, items 6 and 7: keychain custody keeps only a random 256-bit key in the keychain (tested against the
 * Windows 2,560-byte credential limit, where an RSA-4096 PEM does not fit) with the private key sealed in a file;
 * entries made before still load; key files use PBKDF2-SHA256 at 600,000 iterations, readable by openssl.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, keychainAccount, loadPrivateKey, removeFromCustody, storeAsEncryptedFile, storeInKeychain } from '../../../../main/domains/certs/key-custody.js';
import { sealedKeyFileName } from '../../../../main/domains/certs/key-envelope.js';
import { generateSiteKeyPair } from '../../../../main/domains/certs/key-generator.js';
import { KEY_FILE_PBKDF2_ITERATIONS } from '../../../../main/domains/certs/pkcs8-encryption.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { openssl } from './openssl-tool.js';
import { CRED_MAX_CREDENTIAL_BLOB_SIZE, WindowsCredentialKeychain } from './windows-credential-keychain.js';

const tempDir = useTempDirs();
const PROFILE = '00000000-0000-4000-8000-000000000016';
const samePublicKey = (pem: string, other: ReturnType<typeof createPublicKey>) =>
  createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).equals(other.export({ type: 'spki', format: 'der' }));

describe('envelope encryption under a keychain with the Windows credential size limit', () => {
  it('an RSA-4096 key: its PEM would not fit, the envelope does, and it loads back', async () => {
    const keys = await generateSiteKeyPair('rsa-4096');
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keychain = new WindowsCredentialKeychain();
    // The problem the issue reports, reproduced against the stand-in.
    expect(Buffer.byteLength(pem)).toBeGreaterThan(CRED_MAX_CREDENTIAL_BLOB_SIZE);
    await expect(keychain.setPassword(KEYCHAIN_SERVICE, 'probe', pem)).rejects.toThrow('The stub received bad data.');

    const custody = { keychain, profileDir: tempDir() };
    const stored = await storeInKeychain(custody, PROFILE, keys.publicKeyHash, keys.privateKey);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const secret = await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccount(PROFILE, keys.publicKeyHash));
    expect(Buffer.byteLength(secret ?? '')).toBeLessThan(100);
    expect(secret).not.toContain('PRIVATE KEY');
    const sealedFile = path.join(custody.profileDir, sealedKeyFileName(keys.publicKeyHash));
    expect((await fs.stat(sealedFile)).mode & 0o777).toBe(0o600);
    const sealedText = await fs.readFile(sealedFile, 'utf8');
    expect(sealedText).not.toContain('PRIVATE KEY');
    expect(sealedText).not.toContain(pem.split('\n')[1]);

    const loaded = await loadPrivateKey(custody, stored.value);
    expect(loaded.ok && samePublicKey(loaded.value, keys.publicKey)).toBe(true);

    // Without the keychain entry the file is useless; without the file the entry is.
    const removed = await removeFromCustody(custody, stored.value);
    expect(removed.ok && removed.value.length).toBe(2);
    await expect(fs.access(sealedFile)).rejects.toThrow();
    const gone = await loadPrivateKey(custody, stored.value);
    expect(gone.ok).toBe(false);
  });

  it('an entry made before envelope encryption (the whole PEM) still loads', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const keychain = new WindowsCredentialKeychain();
    const account = keychainAccount(PROFILE, keys.publicKeyHash);
    await keychain.setPassword(KEYCHAIN_SERVICE, account, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const loaded = await loadPrivateKey({ keychain, profileDir: tempDir() }, { kind: 'keychain', service: KEYCHAIN_SERVICE, account });
    expect(loaded.ok && samePublicKey(loaded.value, keys.publicKey)).toBe(true);
  });

  it('a sealed file swapped for another key\'s is refused, not used', async () => {
    const keychain = new WindowsCredentialKeychain();
    const custody = { keychain, profileDir: tempDir() };
    const a = await generateSiteKeyPair('ecdsa-p256');
    const b = await generateSiteKeyPair('ecdsa-p256');
    const storedA = await storeInKeychain(custody, PROFILE, a.publicKeyHash, a.privateKey);
    await storeInKeychain(custody, PROFILE, b.publicKeyHash, b.privateKey);
    await fs.copyFile(path.join(custody.profileDir, sealedKeyFileName(b.publicKeyHash)), path.join(custody.profileDir, sealedKeyFileName(a.publicKeyHash)));
    if (!storedA.ok) throw new Error('store failed');
    const loaded = await loadPrivateKey(custody, storedA.value);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.message).toContain('belongs to another key');
  });
});

describe('encrypted key files', () => {
  it('use PBKDF2-HMAC-SHA256 at 600,000 iterations with the parameters in the file, and openssl reads them', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const custody = { keychain: new WindowsCredentialKeychain(), profileDir: tempDir() };
    const stored = await storeAsEncryptedFile(custody, keys.publicKeyHash, keys.privateKey, 'twelve-chars');
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const structure = openssl(['asn1parse'], stored.value.pem);
    expect(structure).toContain('PBES2');
    expect(structure).toContain('PBKDF2');
    expect(structure).toContain('hmacWithSHA256');
    expect(structure).toContain('aes-256-cbc');
    expect(structure).toMatch(new RegExp(`INTEGER\\s+:0*${KEY_FILE_PBKDF2_ITERATIONS.toString(16).toUpperCase()}\\b`));
    expect(openssl(['pkey', '-pubout', '-passin', 'pass:twelve-chars'], stored.value.pem)).toBe(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const loaded = await loadPrivateKey(custody, stored.value.reference, 'twelve-chars');
    expect(loaded.ok && samePublicKey(loaded.value, keys.publicKey)).toBe(true);
  });

  it('a file written with the old 2048 iterations still opens', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const dir = tempDir();
    await fs.writeFile(path.join(dir, 'old.p8.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'old-pass' }));
    const loaded = await loadPrivateKey({ keychain: new WindowsCredentialKeychain(), profileDir: dir }, { kind: 'file', file: 'old.p8.pem' }, 'old-pass');
    expect(loaded.ok && samePublicKey(loaded.value, keys.publicKey)).toBe(true);
  });

  it('a passphrase under 12 characters is refused, naming the field', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const stored = await storeAsEncryptedFile({ keychain: new WindowsCredentialKeychain(), profileDir: tempDir() }, keys.publicKeyHash, keys.privateKey, 'x');
    expect(stored.ok).toBe(false);
    if (!stored.ok) {
      expect(stored.error.field).toBe('passphrase');
      expect(stored.error.message).toContain('at least 12 characters');
    }
  });
});
