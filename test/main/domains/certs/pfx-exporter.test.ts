import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyType } from '../../../../shared/api/cert-schemas.js';
import { readCertificates } from '../../../../main/domains/certs/certificate-reader.js';
import { buildCsr } from '../../../../main/domains/certs/csr-builder.js';
import { generateSiteKeyPair } from '../../../../main/domains/certs/key-generator.js';
import { buildPfx } from '../../../../main/domains/certs/pfx-exporter.js';
import { openssl, opensslResult } from './openssl-tool.js';
import { createTestCa, type TestCa } from './test-ca.js';

let ca: TestCa;
beforeAll(async () => {
  ca = await createTestCa();
});
afterAll(() => ca.cleanup());

const KEY_TYPES: KeyType[] = ['rsa-2048', 'rsa-3072', 'ecdsa-p256', 'ecdsa-p384'];

describe('buildPfx: every exported PFX is read by openssl pkcs12 -info (no -legacy) and by the wizard', () => {
  it.each(KEY_TYPES)('%s key with the full chain', async (keyType) => {
    const keys = await generateSiteKeyPair(keyType);
    const leaf = await ca.sign(await buildCsr({ subject: { commonName: 'meet.example.com' }, dnsNames: ['meet.example.com'], hash: 'sha256', ...keys }));
    const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pfx = buildPfx({ privateKeyPem, chainPem: [leaf, ca.intermediatePem, ca.rootPem], passphrase: 'pässwörd-ünïcode', friendlyName: 'meet.example.com' });
    const file = path.join(ca.dir, `${keyType}.pfx`);
    await fs.writeFile(file, pfx);

    const info = opensslResult(['pkcs12', '-info', '-in', file, '-passin', 'pass:pässwörd-ünïcode', '-nodes']);
    expect(info.status).toBe(0);
    expect(info.stderr).toMatch(/MAC: sha256, Iteration 2048/);
    expect(info.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    expect((info.stdout.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length).toBe(3);
    expect(info.stdout).toContain('friendlyName: meet.example.com');
    // The key openssl decrypts is the key that was put in.
    const keyBlock = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/.exec(info.stdout)?.[0] ?? '';
    expect(openssl(['pkey', '-pubout'], keyBlock)).toBe(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(opensslResult(['pkcs12', '-in', file, '-passin', 'pass:wrong', '-noout']).status).not.toBe(0);

    const read = readCertificates(new Uint8Array(pfx), `${keyType}.pfx`, 'pässwörd-ünïcode');
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.certificates).toHaveLength(3);
    expect(read.value.privateKey?.export({ type: 'pkcs8', format: 'pem' }).toString()).toBe(privateKeyPem);
  });
});
