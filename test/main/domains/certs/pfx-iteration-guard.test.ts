/**
 * Issue 16, item 2: hostile PFX files built in the test (5-byte and huge iteration counts, many bags, a huge sum)
 * are each refused or finished within 2 s, and a file the guard lets through is still stopped by the worker's
 * time limit. Reading happens off the event loop: browser mode answers another request meanwhile.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificatesOffThread } from '../../../../main/domains/certs/certificate-reader.js';
import { assessPfxWork, MAX_PFX_ITERATIONS } from '../../../../main/domains/certs/pfx-iteration-guard.js';
import { createCore } from '../../../../main/app/core/create-core.js';
import { startBrowserModeServer } from '../../../../main/doors/http/browser-mode-server.js';
import { testOutside } from '../../../support/test-outside.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { integerBytes, pfxWith } from './hostile-pfx.js';
import { openssl } from './openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from './test-ca.js';

let ca: TestCa;
let pfx: Uint8Array;
const tempDir = useTempDirs();

beforeAll(async () => {
  ca = await createTestCa();
  const made = opensslCsr(ca.dir, 'site', '/CN=meet.example.com');
  await ca.sign(made.csrPem, { name: 'site-cert' });
  const file = path.join(ca.dir, 'site.pfx');
  openssl(['pkcs12', '-export', '-in', path.join(ca.dir, 'site-cert.pem'), '-inkey', made.keyFile, '-passout', 'pass:pfx-pass', '-out', file]);
  pfx = new Uint8Array(await fs.readFile(file));
  // Start the reader's worker once, as a running wizard has it after its first import: the 2 s below are
  // for reading, not for loading the parsers on a busy test machine.
  await readCertificatesOffThread(new Uint8Array([0x30, 0x00]), 'warm-up.der');
}, 60_000);
afterAll(() => ca.cleanup());

const FIVE_BYTES = '\x01\x00\x00\x00\x00';

describe('hostile PFX files: each refused or finished within 2 s', () => {
  const cases: { name: string; build: () => Uint8Array; error?: RegExp }[] = [
    { name: 'the file openssl wrote', build: () => pfx },
    { name: '5-byte MAC iteration count', build: () => pfxWith(pfx, { macCount: FIVE_BYTES }), error: /more than 4 billion key-derivation iterations/ },
    { name: '5-byte bag iteration counts', build: () => pfxWith(pfx, { bagCount: FIVE_BYTES }), error: /more than 4 billion key-derivation iterations/ },
    { name: 'a huge 4-byte count (2^31 - 1)', build: () => pfxWith(pfx, { macCount: integerBytes(0x7fffffff) }), error: /2,147,483,647 key-derivation iterations/ },
    { name: 'a negative count', build: () => pfxWith(pfx, { macCount: '\xff\x00' }), error: /cannot read \(not a positive whole number\)/ },
    { name: 'many bags (1,000 key bags)', build: () => pfxWith(pfx, { repeatKeyBag: 1000 }), error: /more than 2,000,000 key-derivation iterations in all/ },
    {
      name: 'a huge sum (four bags just under the per-count cap)',
      build: () => pfxWith(pfx, { bagCount: integerBytes(MAX_PFX_ITERATIONS - 1), repeatKeyBag: 4 }),
      error: /in all \(its MAC and bags together\)/,
    },
  ];
  for (const { name, build, error } of cases) {
    it(name, async () => {
      const bytes = build();
      const started = performance.now();
      const result = await readCertificatesOffThread(bytes, 'hostile.pfx', 'pfx-pass');
      expect(performance.now() - started).toBeLessThan(2000);
      if (!error) {
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.privateKey?.asymmetricKeyType).toBe('rsa');
        return;
      }
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(error);
        expect(result.error.message).toContain('"hostile.pfx"');
        expect(result.error.field).toBe('hostile.pfx');
      }
    });
  }

  it('a file the guard lets through is stopped by the time limit', async () => {
    const slow = pfxWith(pfx, { macCount: integerBytes(MAX_PFX_ITERATIONS), bagCount: integerBytes(MAX_PFX_ITERATIONS / 2) });
    expect(assessPfxWork(slow).ok).toBe(true);
    const started = performance.now();
    const result = await readCertificatesOffThread(slow, 'slow.pfx', 'pfx-pass', { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('"slow.pfx" took longer than 0.3 s to read and was stopped; no certificate file needs that long.');
  });
});

describe('browser mode while a slow PFX is read', () => {
  it('answers another request meanwhile', async () => {
    const rendererDir = tempDir();
    await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const core = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir: tempDir() });
    const server = await startBrowserModeServer({ dispatch: core.dispatch, rendererDir });
    const call = (channel: string, input: unknown) =>
      fetch(`${server.origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.origin, 'X-SSO-Wizard-Token': server.token },
        body: JSON.stringify(input),
      }).then((response) => response.json() as Promise<{ ok: boolean; value?: { id: string } }>);
    try {
      const profile = await call('profile.create', { name: 'Production', siteUrl: 'https://meet.example.com' });
      // A valid PFX the guard allows (MAC and bags at 40,000 iterations each), yet seconds of PBKDF2 in JavaScript.
      const file = path.join(ca.dir, 'slow.pfx');
      openssl(['pkcs12', '-export', '-in', path.join(ca.dir, 'site-cert.pem'), '-inkey', path.join(ca.dir, 'site.key'), '-passout', 'pass:pfx-pass', '-iter', '40000', '-out', file]);
      const slow = await fs.readFile(file);
      let importDone = false;
      const importing = call('cert.import', { profileId: profile.value?.id, password: 'pfx-pass', files: [{ name: 'slow.pfx', base64: Buffer.from(slow).toString('base64') }], extraRoots: [] }).finally(() => {
        importDone = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      const listing = await call('profile.list', {});
      expect(listing.ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(importDone).toBe(false);
      const imported = (await importing) as { ok: boolean; value?: { format: string } };
      expect(imported.ok).toBe(true);
      expect(imported.value?.format).toBe('pkcs12');
    } finally {
      await server.close();
    }
  }, 60_000);
});
