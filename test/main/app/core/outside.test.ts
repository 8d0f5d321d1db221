/**
 * Everything outside is handed in once, when the core is created: the core uses the keychain, sign-in
 * browser, PDF printer and fetch it was given - never a module-level default - so Electron, browser mode, the
 * CLI and tests each bring their own.
 */
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../../../main/domains/certs/key-custody.js';
import { createCore } from '../../../../main/app/core/create-core.js';
import { ok } from '../../../../shared/result.js';
import { testOutside } from '../../../support/test-outside.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

/** A keychain that is nothing but a Map: if the core reached the real one, this would stay empty. */
function mapKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    setPassword: async (service, account, secret) => void entries.set(`${service}/${account}`, secret),
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}

describe('the outside world, handed in', () => {
  it('keeps the step-1 key under the keychain it was given', async () => {
    const keychain = mapKeychain();
    const core = createCore({ frontDoor: 'cli', dataDir: tempDir(), outside: testOutside({ keychain }) });
    const profile = await core.dispatch('profile.create', { name: 'P', siteUrl: 'https://meet.example.com' });
    if (!profile.ok) throw new Error(profile.error.message);
    const { id } = profile.value as { id: string };
    const csr = await core.dispatch('csr.generate', { profileId: id, keyType: 'ecdsa-p256', custody: 'keychain' });
    expect(csr.ok).toBe(true);
    // Envelope custody: the handed-in keychain holds the one random key that seals the private key file.
    expect(keychain.entries.size).toBe(1);
    expect([...keychain.entries.values()].some((secret) => secret.includes('PRIVATE KEY'))).toBe(false);
  });

  it('prints the report with the printer it was given', async () => {
    const printed: string[] = [];
    const core = createCore({
      frontDoor: 'cli',
      dataDir: tempDir(),
      outside: testOutside({ printPdf: async (html) => (printed.push(html), ok(new TextEncoder().encode('%PDF-1.7 stand-in'))) }),
    });
    const profile = await core.dispatch('profile.create', { name: 'P', siteUrl: 'https://meet.example.com' });
    if (!profile.ok) throw new Error(profile.error.message);
    const pdf = await core.dispatch('report.pdf', { id: (profile.value as { id: string }).id, maskPersonalData: false });
    expect(pdf.ok && Buffer.from((pdf.value as { pdfBase64: string }).pdfBase64, 'base64').toString()).toBe('%PDF-1.7 stand-in');
    expect(printed[0]).toContain('meet.example.com');
  });

  it('says where the sign-in opens as the handed-in browser says, and fetches metadata with the handed-in fetch', async () => {
    const fetched: string[] = [];
    const core = createCore({
      frontDoor: 'electron',
      dataDir: tempDir(),
      outside: testOutside({
        signinBrowser: { open: () => Promise.reject(new Error('not opened in this test')), readiness: () => ({ available: true, name: 'stand-in window', message: 'Opens in the stand-in.', hint: '' }) },
        fetch: async (input) => (fetched.push(String(input)), new Response('not metadata', { status: 200 })),
      }),
    });
    const profile = await core.dispatch('profile.create', { name: 'P', siteUrl: 'https://meet.example.com' });
    if (!profile.ok) throw new Error(profile.error.message);
    const id = (profile.value as { id: string }).id;
    const readiness = await core.dispatch('signin.readiness', { profileId: id });
    expect(readiness.ok && (readiness.value as { browser: { name: string } }).browser.name).toBe('stand-in window');
    await core.dispatch('idp.import', { profileId: id, url: 'https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml' });
    expect(fetched).toEqual(['https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml']);
  });
});
