/**
 * The overview and the diagnostic report over a real profile: a key and CSR made by the core, signed by an
 * openssl CA, imported; then the status says what is done and the report shows it, without any secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../main/app/core/create-core.js';
import type { Profile } from '../../../../shared/api/profile-schemas.js';
import type { Result } from '../../../../shared/result.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();
const PASSPHRASE = 'correct horse battery staple 42';
let ca: TestCa;

beforeAll(async () => {
  ca = await createTestCa();
});
afterAll(async () => {
  await ca.cleanup();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function repairedProfile(core: Core): Promise<Profile> {
  const profile = value<Profile>(await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://meet.example.com' }));
  const csr = value<{ csrPem: string }>(
    await core.dispatch('csr.generate', { profileId: profile.id, keyType: 'ecdsa-p256', custody: 'file', passphrase: PASSPHRASE, subject: { organization: 'Example' } }),
  );
  const leaf = await ca.sign(csr.csrPem);
  value(
    await core.dispatch('cert.import', {
      profileId: profile.id,
      files: [{ name: 'meet.example.com.pem', base64: b64(leaf + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
      keyPassphrase: PASSPHRASE,
    }),
  );
  return profile;
}

describe('overview and report of a repaired profile', () => {
  it('the status says which steps are done and until when the certificate is valid', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const profile = await repairedProfile(core);
    const status = value<{ steps: Array<{ step: string; state: string; headline: string }>; nextStep: string | null }>(
      await core.dispatch('profile.status', { id: profile.id }),
    );
    expect(status.steps.find((s) => s.step === 'csr')).toMatchObject({ state: 'done', headline: expect.stringMatching(/^Expected key: the key and CSR made here on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/) });
    expect(status.steps.find((s) => s.step === 'import')).toMatchObject({ state: 'done', headline: expect.stringMatching(/^Certificate valid until \d{4}-\d\d-\d\d$/) });
    expect(status.steps.find((s) => s.step === 'test')).toMatchObject({ state: 'todo' });
    expect(status.nextStep).toBe('adfs');
  });

  it('an expiring certificate needs attention', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir(), now: () => new Date(Date.now() + 80 * 24 * 3600 * 1000) });
    const profile = await repairedProfile(createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: core.dataDir }));
    const status = value<{ steps: Array<{ step: string; state: string; headline: string }> }>(await core.dispatch('profile.status', { id: profile.id }));
    expect(status.steps.find((s) => s.step === 'import')).toMatchObject({ state: 'attention', headline: expect.stringMatching(/days left/) });
  });

  it('the report shows certificate, chain and claim rules, and no key or passphrase', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const profile = await repairedProfile(core);
    const report = value<{ html: string; fileName: string }>(await core.dispatch('report.generate', { id: profile.id, maskPersonalData: false }));
    expect(report.fileName).toMatch(/^meet\.example\.com-sso-report-.*\.html$/);
    expect(report.html).toContain('Matches the expected key');
    expect(report.html).toContain('-----BEGIN CERTIFICATE-----');
    expect(report.html).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier');
    expect(report.html).toContain('No test sign-in yet');
    expect(report.html).not.toMatch(/PRIVATE KEY/);
    expect(report.html).not.toContain(PASSPHRASE);
  });

  it('opens with a one-screen summary, and shows the certificate findings as status | finding | fix (issue 18)', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const profile = await repairedProfile(core);
    const { html } = value<{ html: string }>(await core.dispatch('report.generate', { id: profile.id, maskPersonalData: false }));
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings[0]).toBe('Summary');
    const summary = html.slice(html.indexOf('<section class="summary">'), html.indexOf('</section>'));
    expect(summary).toMatch(/<p class="standing">(Next: step|The IdP side checks out|Single sign-on is repaired)/);
    expect(summary).toMatch(/Open: step \d|Still open/);
    expect(summary).toContain('Last test sign-in</th><td><span class="sev sev-info">Info</span> <span class="val">None yet (step 5).</span>');
    expect(summary).toMatch(/Site certificate expires<\/th><td><span class="sev sev-ok">OK<\/span> <span class="val">\d{4}-\d\d-\d\d \(in \d+ days\)/);
    expect(html).toContain('<thead><tr><th scope="col">Status</th><th scope="col">Finding</th><th scope="col">Fix</th></tr></thead>');
    // A passing check is one line: no "Nothing to do." beside it, and no finding text left in the bold label column.
    expect(html).toMatch(/<tr class="pass"><td><span class="sev sev-ok">OK<\/span><\/td><td colspan="2">The certificate matches the key and CSR made here/);
    expect(html).not.toContain('Nothing to do.');
    expect(html).not.toMatch(/<th scope="row">The certificate matches/);
  });
});
