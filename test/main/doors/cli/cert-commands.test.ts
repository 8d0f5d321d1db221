import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { opensslResult } from '../../domains/certs/openssl-tool.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';

let dir: string;
let ca: TestCa;
const at = (name: string) => path.join(dir, name);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: { ...process.env, ...env } };
  const code = await runCli(['--data-dir', at('data'), ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-cert-cli-'));
  ca = await createTestCa();
  await fs.writeFile(at('pass'), 'cli-passphrase-1\n');
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.com'])).code).toBe(0);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await ca.cleanup();
});

describe('sso-wizard csr / inspect / import / export', () => {
  it('csr --key-file writes the CSR and the encrypted key, and never overwrites without --force', async () => {
    const first = await cli(['csr', '--key-type', 'ecdsa-p256', '--san', 'join.example.com', '--key-file', '--passphrase-file', at('pass'), '--out', at('site.csr'), '--json']);
    expect(first.code).toBe(0);
    const value = JSON.parse(first.out).value;
    expect(value.details.sans).toEqual(['meet.example.com', 'join.example.com']);
    expect(value.written).toEqual([at('meet.example.com.key.p8.pem'), at('site.csr')]);
    expect(opensslResult(['req', '-verify', '-noout', '-in', at('site.csr')]).status).toBe(0);
    expect(await fs.readFile(at('meet.example.com.key.p8.pem'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const before = await fs.readFile(at('site.csr'), 'utf8');
    const again = await cli(['csr', '--key-file', '--passphrase-file', at('pass'), '--out', at('site.csr')]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${at('site.csr')} already exists`);
    expect(again.err).toContain('--force');
    expect(await fs.readFile(at('site.csr'), 'utf8')).toBe(before);
  });

  it('inspect decodes the CSR and knows the key is kept', async () => {
    const result = await cli(['inspect', at('site.csr')]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('SANs:       meet.example.com, join.example.com');
    expect(result.out).toContain('Key:        ECDSA P-256');
    expect(result.out).toContain('kept by the wizard');
  });

  it('import prints findings and exits 0 for a good certificate; export writes files and refuses to overwrite', async () => {
    await fs.writeFile(at('signed.pem'), (await ca.sign(await fs.readFile(at('site.csr'), 'utf8'))) + ca.intermediatePem);
    await fs.writeFile(at('root.pem'), ca.rootPem);
    const imported = await cli(['import', at('signed.pem'), '--root', at('root.pem'), '--key-passphrase-file', at('pass')]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/OK +The certificate matches the key and CSR made here on .*; the wizard holds its private key\./);
    const pfx = await cli(['export', 'pfx', '--out', at('site.pfx'), '--passphrase-file', at('pass'), '--key-passphrase-file', at('pass'), '--json']);
    expect(pfx.code).toBe(0);
    expect(JSON.parse(pfx.out).value.written).toBe(at('site.pfx'));
    expect(opensslResult(['pkcs12', '-info', '-in', at('site.pfx'), '-passin', 'pass:cli-passphrase-1', '-nokeys']).status).toBe(0);
    const again = await cli(['export', 'adfs-cer', '--out', at('site.pfx')]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const forced = await cli(['export', 'adfs-cer', '--out', at('site.pfx'), '--force']);
    expect(forced.code).toBe(0);
    expect(await fs.readFile(at('site.pfx'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\r\n/);
  });

  it('import exits 1 on error findings and 2 on unreadable input, naming the file', async () => {
    await fs.writeFile(at('leaf-only.pem'), (await fs.readFile(at('signed.pem'), 'utf8')).split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n');
    const incomplete = await cli(['import', at('leaf-only.pem')]);
    expect(incomplete.code).toBe(1);
    expect(incomplete.out).toMatch(/ERROR +The chain is incomplete/);
    await fs.writeFile(at('empty.cer'), '');
    const empty = await cli(['import', at('empty.cer'), '--json']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.out).error.message).toBe('"empty.cer" is empty.');
  });

  // Issue 18, item 15: each file's own format, and the chain's description in plain English.
  it('import names each file\'s format (a DER certificate beside a PEM intermediate); export says why the root is left out', async () => {
    await fs.writeFile(at('leaf.pem'), (await fs.readFile(at('signed.pem'), 'utf8')).split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n');
    expect(opensslResult(['x509', '-in', at('leaf.pem'), '-outform', 'DER', '-out', at('signed.cer')]).status).toBe(0);
    await fs.writeFile(at('inter.pem'), ca.intermediatePem);
    const imported = await cli(['import', at('signed.cer'), at('inter.pem'), '--root', at('root.pem'), '--key-passphrase-file', at('pass')]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/^Read signed\.cer \(DER\), inter\.pem \(PEM\): /);

    const chain = await cli(['export', 'chain-leaf-last', '--out', at('chain.pem')]);
    expect(chain.code, chain.err).toBe(0);
    expect(`${chain.out}${chain.err}`).not.toMatch(/send it never/);
    expect(chain.out).toContain('the root is left out, because servers do not send it');
  });
});
