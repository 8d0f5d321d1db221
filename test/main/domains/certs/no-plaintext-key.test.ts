/**
 * After a full CSR → import → export run, no file in the data folder or the temporary folder holds the site's
 * private key unencrypted: not as PEM, not as DER, not as base64 of the DER.
 */
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSitePrivateKey } from '../../../../main/domains/certs/site-credentials.js';
import { b64, createCertFixture, type CertFixture } from './cert-fixture.js';
import { createTestCa, type TestCa } from './test-ca.js';
import { keytarKeychain } from '../../../../main/domains/certs/key-custody.js';

const privateKeyring = process.env.SSO_WIZARD_KEYRING === 'private';
const PLAINTEXT_PEM = /-----BEGIN (RSA |EC )?PRIVATE KEY-----/;

async function listFiles(root: string, since: number, depth = 0): Promise<string[]> {
  if (depth > 6) return [];
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full, since, depth + 1)));
    else if (entry.isFile()) {
      const stat = await fs.stat(full).catch(() => null);
      if (stat && stat.mtimeMs >= since && stat.size < 16 * 1024 * 1024) files.push(full);
    }
  }
  return files;
}

describe.each([
  { custody: 'file' as const, when: true },
  { custody: 'keychain' as const, when: privateKeyring },
])('no unencrypted private key anywhere (key custody: $custody)', ({ custody, when }) => {
  let fixture: CertFixture;
  let ca: TestCa;
  let scratchTmp: string;
  const originalTmp = process.env.TMPDIR;
  const originalTmpDir = os.tmpdir();
  const started = Date.now() - 1000;

  beforeAll(async () => {
    if (!when) return;
    ca = await createTestCa(); // before TMPDIR moves: the test CA's own keys are not the site's and live elsewhere
    scratchTmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-scan-tmp-'));
    process.env.TMPDIR = scratchTmp;
    fixture = await createCertFixture();
  });
  afterAll(async () => {
    if (!when) return;
    if (originalTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmp;
    await fixture.cleanup();
    await ca.cleanup();
    await fs.rm(scratchTmp, { recursive: true, force: true });
  });

  it.runIf(when)('CSR → import → every export, then scan', async () => {
    const passphrase = 'scan-test-passphrase';
    const csr = await fixture.must('csr.generate', {
      profileId: fixture.profileId,
      keyType: 'rsa-2048',
      custody,
      ...(custody === 'file' ? { passphrase } : {}),
    });
    const leaf = await ca.sign(csr.csrPem);
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'leaf.pem', base64: b64(leaf) }, { name: 'inter.pem', base64: b64(ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    expect(report.keyMatched).toBe(true);
    const outDir = path.join(scratchTmp, 'downloads');
    await fs.mkdir(outDir);
    for (const format of ['chain-leaf-first', 'chain-leaf-last', 'adfs-cer', 'pfx'] as const) {
      const file = await fixture.must('cert.export', {
        profileId: fixture.profileId,
        format,
        ...(format === 'pfx' ? { passphrase: 'pfx-passphrase' } : {}),
        ...(custody === 'file' ? { keyPassphrase: passphrase } : {}),
      });
      await fs.writeFile(path.join(outDir, file.fileName), Buffer.from(file.base64, 'base64'));
    }
    if (csr.encryptedKey) await fs.writeFile(path.join(outDir, csr.encryptedKey.fileName), csr.encryptedKey.pem);

    const key = await loadSitePrivateKey(fixture.dataDir, fixture.profileId, { passphrase, keychain: keytarKeychain() });
    if (!key.ok) throw new Error(key.error.message);
    const keyObject = createPrivateKey(key.value);
    const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
    const pkcs1 = keyObject.export({ type: 'pkcs1', format: 'der' });
    const needles = [pkcs8, pkcs1, Buffer.from(pkcs8.toString('base64').slice(64, 192)), Buffer.from(pkcs1.toString('base64').slice(64, 192))];

    const files = [...(await listFiles(fixture.dataDir, 0)), ...(await listFiles(scratchTmp, 0)), ...(await listFiles(originalTmpDir, started, 4))];
    expect(files.some((file) => file.endsWith('certs.json'))).toBe(true);
    expect(files.some((file) => file.endsWith('.pfx'))).toBe(true);
    const offenders: string[] = [];
    for (const file of files) {
      const content = await fs.readFile(file).catch(() => null);
      if (!content) continue;
      if (file.startsWith(fixture.dataDir) || file.startsWith(scratchTmp)) {
        if (PLAINTEXT_PEM.test(content.toString('latin1'))) offenders.push(`${file} (plaintext PEM key)`);
      }
      if (needles.some((needle) => content.includes(needle))) offenders.push(`${file} (the site key)`);
    }
    expect(offenders).toEqual([]);
  });
});
