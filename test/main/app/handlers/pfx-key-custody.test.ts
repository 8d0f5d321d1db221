/**
 * Issue 16, item 6: a key imported from a PFX on a computer without a keychain is kept under a new passphrase of
 * 12 or more characters, never under the PFX password itself.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../../shared/api/contract.js';
import type { Result } from '../../../../shared/result.js';
import { createCore } from '../../../../main/app/core/create-core.js';
import { testOutside } from '../../../support/test-outside.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { openssl } from '../../domains/certs/openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';
import { MissingKeychain } from '../../domains/certs/windows-credential-keychain.js';

const tempDir = useTempDirs();
let ca: TestCa;
let pfxBase64 = '';
beforeAll(async () => {
  ca = await createTestCa();
  const made = opensslCsr(ca.dir, 'site', '/CN=meet.example.com');
  await ca.sign(made.csrPem, { name: 'site-cert' });
  const file = path.join(ca.dir, 'site.pfx');
  openssl(['pkcs12', '-export', '-in', path.join(ca.dir, 'site-cert.pem'), '-inkey', made.keyFile, '-certfile', path.join(ca.dir, 'inter.pem'), '-passout', 'pass:pfx-password-1', '-out', file]);
  pfxBase64 = (await fs.readFile(file)).toString('base64');
}, 60_000);
afterAll(() => ca.cleanup());

async function importWith(keyPassphrase?: string) {
  const dataDir = tempDir();
  const core = createCore({ frontDoor: 'cli', outside: testOutside({ keychain: new MissingKeychain() }), dataDir });
  const profile = (await core.dispatch('profile.create', { name: 'Production', siteUrl: 'https://meet.example.com' })) as Result<Output<'profile.create'>>;
  if (!profile.ok) throw new Error(profile.error.message);
  const result = (await core.dispatch('cert.import', {
    profileId: profile.value.id,
    password: 'pfx-password-1',
    files: [{ name: 'site.pfx', base64: pfxBase64 }],
    extraRoots: [{ name: 'root.pem', base64: Buffer.from(ca.rootPem).toString('base64') }],
    ...(keyPassphrase !== undefined ? { keyPassphrase } : {}),
  })) as Result<Output<'cert.import'>>;
  if (!result.ok) throw new Error(result.error.message);
  return { report: result.value, dir: dataDir };
}

describe('a PFX key without a keychain', () => {
  it('is not stored under the PFX password: the import asks for a new passphrase', async () => {
    const { report } = await importWith();
    expect(report.keyMatched).toBe(false);
    const custody = report.findings.find((finding) => finding.id === 'key-custody');
    expect(custody?.severity).toBe('error');
    expect(custody?.fix).toContain('not the PFX password');
  });

  it('the PFX password itself is refused as the new passphrase', async () => {
    const { report } = await importWith('pfx-password-1');
    expect(report.findings.find((finding) => finding.id === 'key-custody')?.what).toContain('not the PFX password');
    expect(report.keyMatched).toBe(false);
  });

  it('a short passphrase is refused', async () => {
    const { report } = await importWith('short');
    expect(report.findings.find((finding) => finding.id === 'key-custody')?.what).toContain('at least 12 characters');
  });

  it('a new passphrase of 12+ characters keeps the key in an encrypted file that opens with it', async () => {
    const { report, dir } = await importWith('a new key passphrase');
    expect(report.keyMatched).toBe(true);
    const files = (await fs.readdir(dir, { recursive: true })).filter((name) => name.endsWith('.p8.pem'));
    expect(files).toHaveLength(1);
    const pem = await fs.readFile(path.join(dir, files[0] ?? ''), 'utf8');
    expect(openssl(['pkey', '-noout', '-passin', 'pass:a new key passphrase'], pem)).toBe('');
    expect(() => openssl(['pkey', '-noout', '-passin', 'pass:pfx-password-1'], pem)).toThrow();
  });
});
