/**
 * Issue 18, items 1-3 through the core: whether the keychain can be used here (a real keyring inside
 * test/tools/with-keyring.sh; a keychain that fails or never answers), the encrypted key file of a CSR made
 * here found again after a reload, and the key file passphrase asked for in each front door's words.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import { keytarKeychain } from '../../../../main/domains/certs/key-custody.js';
import { probeKeychain } from '../../../../main/domains/certs/keychain-probe.js';
import type { Channel, Input, Output } from '../../../../shared/api/contract.js';
import type { Result } from '../../../../shared/result.js';
import { testOutside } from '../../../support/test-outside.js';
import { b64, createCertFixture, type CertFixture } from '../../domains/certs/cert-fixture.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';

const privateKeyring = process.env['SSO_WIZARD_KEYRING'] === 'private';
const PASSPHRASE = 'correct horse battery staple';

describe('keychain.status', () => {
  it.skipIf(!privateKeyring)('says the keychain is available when a real, unlocked secret service answers', async () => {
    expect(await probeKeychain(keytarKeychain())).toEqual({ ok: true, value: true });
  });

  it('says why not, with the file option in its own words, when the keychain throws as keytar does without D-Bus', async () => {
    const refusing = { getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')), setPassword: () => Promise.resolve(), deletePassword: () => Promise.resolve(false) };
    const core = createCore({ frontDoor: 'browser', outside: testOutside({ keychain: refusing }), dataDir: '/nonexistent-data-dir' });
    const answer = (await core.dispatch('keychain.status', {})) as Result<Output<'keychain.status'>>;
    expect(answer).toMatchObject({ ok: true, value: { available: false, problem: expect.stringContaining('no desktop session bus (D-Bus)') } });
    expect(answer.ok && answer.value.hint).toContain('choose "As an encrypted file I save (PKCS#8, AES-256)"');
  });

  it('counts a keychain that never answers (a prompt nobody sees) as unavailable, after the time limit', async () => {
    const silent = { getPassword: () => new Promise<string | null>(() => undefined), setPassword: () => Promise.resolve(), deletePassword: () => Promise.resolve(false) };
    const probe = await probeKeychain(silent, 50);
    expect(probe.ok).toBe(false);
    // A silent keychain is almost always a locked one waiting on a prompt: it is reported as locked, with the way out.
    expect(!probe.ok && probe.error.message).toContain('The OS keychain is locked');
  });
});

describe('csr.key-file and the key file passphrase', () => {
  let fixture: CertFixture;
  let ca: TestCa;
  let csrId: string;
  beforeAll(async () => {
    fixture = await createCertFixture();
    ca = await createTestCa();
    const made = await fixture.must('csr.generate', { profileId: fixture.profileId, keyType: 'ecdsa-p256', hash: 'sha256', subject: {}, extraSans: [], custody: 'file', passphrase: PASSPHRASE });
    const status = await fixture.must('certs.status', { profileId: fixture.profileId });
    csrId = status.csrs.at(-1)?.id ?? '';
    await fixture.must('cert.import', { profileId: fixture.profileId, files: [{ name: 'signed.crt', base64: b64((await ca.sign(made.csrPem)) + ca.intermediatePem) }], extraRoots: [{ name: 'root.crt', base64: b64(ca.rootPem) }] });
  }, 60_000);
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
  });

  it('finds the encrypted key file again: its place in the data folder (mode 0600) and a PEM openssl opens with the passphrase', async () => {
    const file = await fixture.must('csr.key-file', { profileId: fixture.profileId, csrId });
    expect(file.location.startsWith(fixture.dataDir + path.sep)).toBe(true);
    expect(file.fileName).toBe('meet.example.com.key.p8.pem');
    expect(statSync(file.location).mode & 0o777).toBe(0o600);
    const opened = execFileSync('openssl', ['pkey', '-passin', `pass:${PASSPHRASE}`, '-noout', '-text'], { input: file.pem, encoding: 'utf8' });
    expect(opened).toContain('prime256v1');
  });

  it.each([
    { name: 'an unknown CSR id', csrId: 'no-such-csr', want: /No CSR no-such-csr is recorded/ },
  ])('refuses $name with a clear error', async ({ csrId: id, want }) => {
    const answer = await fixture.call('csr.key-file', { profileId: fixture.profileId, csrId: id });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.message).toMatch(want);
  });

  it('refuses a damaged certs.json whose key file name holds a path, and never reads outside the profile folder', async () => {
    const status = await fixture.must('certs.status', { profileId: fixture.profileId });
    const stateFile = path.join(path.dirname((await fixture.must('csr.key-file', { profileId: fixture.profileId, csrId })).location), 'certs.json');
    const saved = await fs.readFile(stateFile, 'utf8');
    const reference = status.csrs.at(-1)?.keyReference;
    const name = reference?.kind === 'file' ? reference.file : '';
    await fs.writeFile(stateFile, saved.replaceAll(`"${name}"`, '"../../../etc/passwd"'));
    try {
      const answer = await fixture.call('csr.key-file', { profileId: fixture.profileId, csrId });
      expect(answer).toMatchObject({ ok: false, error: { code: 'state-unreadable', message: expect.stringContaining('not a plain file name') } });
    } finally {
      await fs.writeFile(stateFile, saved);
    }
  });

  const exportWithout = async (frontDoor: 'cli' | 'browser', keyPassphrase?: string) => {
    const core = createCore({ frontDoor, outside: testOutside(), dataDir: fixture.dataDir });
    const input: Input<'cert.export'> = { profileId: fixture.profileId, format: 'pfx', passphrase: 'a long pfx passphrase', ...(keyPassphrase ? { keyPassphrase } : {}) };
    return (await core.dispatch('cert.export' satisfies Channel, input)) as Result<Output<'cert.export'>>;
  };

  it('asks the CLI for the key file passphrase by its flag, --key-passphrase-file', async () => {
    const answer = await exportWithout('cli');
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.hint).toContain('--key-passphrase-file FILE');
    expect(!answer.ok && answer.error.hint).not.toContain('"Key file passphrase"');
  });

  it('asks the UI for it by the field\'s name, "Key file passphrase", also when the passphrase is wrong', async () => {
    const missing = await exportWithout('browser');
    expect(!missing.ok && missing.error.hint).toContain('the "Key file passphrase" field of step 2');
    const wrong = await exportWithout('browser', 'not the passphrase at all');
    expect(!wrong.ok && wrong.error.message).toContain('does not open the key file');
    expect(!wrong.ok && wrong.error.hint).toContain('the "Key file passphrase" field of step 2');
    expect((await exportWithout('browser', PASSPHRASE)).ok).toBe(true);
  });
});
