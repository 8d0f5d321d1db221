/** The vendor's DR path through the command line: csr --from-site, import, site-steps, status; with --json. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCsr, createTestCa, type TestCa } from '../../domains/certs/test-ca.js';
import { runCliCaptured } from '../../../support/run-cli.js';

let dir: string;
let ca: TestCa;
const at = (name: string) => path.join(dir, name);

const cli = (args: string[]) => runCliCaptured(['--data-dir', at('data'), ...args]);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-site-cli-'));
  ca = await createTestCa();
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.com'])).code).toBe(0);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await ca.cleanup();
});

describe('sso-wizard csr --from-site / import / site-steps / status', () => {
  it('inspect exits 1 on a CSR for another host, RSA 1024, SHA-1, and names each problem', async () => {
    const bad = opensslCsr(ca.dir, 'bad', '/CN=other.example.com', ['-newkey', 'rsa:1024', '-sha1'], null);
    await fs.writeFile(at('bad.csr'), bad.csrPem);
    const result = await cli(['inspect', at('bad.csr')]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/ERROR +The CSR does not cover the site host meet\.example\.com/);
    expect(result.out).toMatch(/ERROR +The key is RSA 1024 bits/);
    expect(result.out).toMatch(/ERROR +The CSR is signed with .*SHA-1/);
  });

  it('records the site CSR, imports its certificate with exit 0, refuses a PFX, ticks the site steps, and status tells the truth', async () => {
    const site = opensslCsr(ca.dir, 'site', '/CN=meet.example.com');
    await fs.writeFile(at('site.csr'), site.csrPem);
    const recorded = await cli(['csr', '--from-site', at('site.csr'), '--json']);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(recorded.out).value).toMatchObject({ source: 'site', keyReference: null });
    expect((await cli(['csr', '--from-site', at('site.csr'), '--key-type', 'rsa-2048'])).code).toBe(2);

    await fs.writeFile(at('signed.pem'), (await ca.sign(site.csrPem)) + ca.intermediatePem);
    await fs.writeFile(at('root.pem'), ca.rootPem);
    const imported = await cli(['import', at('signed.pem'), '--root', at('root.pem')]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/OK +The certificate matches the CSR downloaded from the site/);
    expect(imported.out).not.toMatch(/ERROR/);
    expect(imported.out).toContain('sso-wizard site-steps done import-ssl');

    const pfx = await cli(['export', 'pfx', '--out', at('site.pfx'), '--passphrase-file', at('signed.pem')]);
    expect(pfx.code).toBe(1);
    expect(pfx.err).toMatch(/on the site/);

    const steps = await cli(['site-steps', 'done', 'import-ssl', '--json']);
    expect(steps.code).toBe(0);
    const checklist = JSON.parse(steps.out).value;
    expect(checklist.items.find((item: { step: string }) => item.step === 'import-ssl').doneAt).toMatch(/^\d{4}-/);
    expect(checklist.complete).toBe(false);
    expect((await cli(['site-steps', 'done', 'nonsense'])).code).toBe(2);

    const status = await cli(['status', '--json']);
    const value = JSON.parse(status.out).value;
    expect(value.repaired).toBe(false);
    expect(value.steps.slice(0, 2).map((s: { state: string }) => s.state)).toEqual(['done', 'done']);
    const text = await cli(['status']);
    expect(text.out).toMatch(/\[x\] Import the SSL certificate on the site \(done /);
    expect(text.out).toMatch(/\[ \] Turn SSO off: /);
    expect(text.out).not.toContain('repaired');
  });
});
