import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertStore } from '../../../../main/domains/certs/cert-store.js';
import { ensureDirectory } from '../../../../main/platform/ensure-directory.js';

const PROFILE = '00000000-0000-4000-8000-000000000002';
let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-cert-store-'));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

describe('CertStore (certs.json per profile)', () => {
  it('starts empty, and keeps every CSR record when many are added at once', async () => {
    const store = new CertStore(dataDir, PROFILE);
    const empty = await store.read();
    expect(empty.ok && empty.value).toEqual({ version: 1, csrs: [], imported: null });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.addCsr({ id: `csr-${i}`, createdAt: new Date(0).toISOString(), keyType: 'rsa-3072', csrPem: 'x', publicKeyHash: `${i}`, keyReference: { kind: 'keychain', service: 's', account: `a${i}` } }),
      ),
    );
    const after = await new CertStore(dataDir, PROFILE).read();
    expect(after.ok && after.value.csrs.map((c) => c.id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `csr-${i}`).sort());
    expect((await fs.stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('a damaged state file is reported once, not thrown, naming the file and where it was kept; then the profile goes on', async () => {
    const store = new CertStore(dataDir, '00000000-0000-4000-8000-000000000003');
    await ensureDirectory(store.dir);
    for (const content of ['{"version":1,"csrs":[{"trunc', '{"version":2}', 'null']) {
      await fs.writeFile(store.file, content);
      const result = await store.read();
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('state-unreadable');
        expect(result.error.message).toContain(store.file);
        const aside = /It was kept as (\S+) and/.exec(result.error.message)?.[1];
        expect(aside && (await fs.readFile(aside, 'utf8'))).toBe(content);
      }
      const again = await store.read();
      expect(again.ok && again.value).toEqual({ version: 1, csrs: [], imported: null });
    }
  });

  it('an update that meets a damaged file keeps it aside and reports it without applying the change; a retry applies it', async () => {
    const store = new CertStore(dataDir, '00000000-0000-4000-8000-000000000004');
    await ensureDirectory(store.dir);
    await fs.writeFile(store.file, '{"version":1,"csrs":"not a list"}');
    const csr = { id: 'csr-x', createdAt: new Date(0).toISOString(), keyType: 'rsa-3072' as const, csrPem: 'x', publicKeyHash: 'h', keyReference: { kind: 'keychain' as const, service: 's', account: 'a' } };
    const first = await store.addCsr(csr);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error.message).toMatch(/field csrs: .*It was kept as .*certs\.json\.unreadable-/);
    const retried = await store.addCsr(csr);
    expect(retried.ok && retried.value.csrs.map((c) => c.id)).toEqual(['csr-x']);
  });
});
