/**
 * Issue 16, item 11: `profile remove` says what stays (keys under the keychain, key files, certs.json) and, with
 * --remove-keys --yes, removes them: the keychain entry (real private keyring), the sealed key file, certs.json.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { keytarKeychain, KEYCHAIN_SERVICE } from '../../../../main/domains/certs/key-custody.js';
import { profileDataDir } from '../../../../main/platform/data-dir.js';

const privateKeyring = process.env['SSO_WIZARD_KEYRING'] === 'private';
let dataDir = '';
let secretDir = '';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string; json: unknown }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: { ...process.env } };
  const code = await runCli(['--data-dir', dataDir, ...args], io);
  let json: unknown = null;
  try {
    json = JSON.parse(out.join('\n'));
  } catch {
    // human output
  }
  return { code, out: out.join('\n'), err: err.join('\n'), json };
}

async function profileWithKeys(name: string, custody: 'keychain' | 'file'): Promise<{ id: string; account: string | null }> {
  const made = (await cli(['--json', 'profile', 'add', '--name', name, '--site-url', `https://${name.toLowerCase()}.example.com`])).json as { value: { id: string } };
  const id = made.value.id;
  const args = ['--json', 'csr', '--profile', id, '--key-type', 'ecdsa-p256', '--out', path.join(secretDir, `${name}.csr`)];
  if (custody === 'file') args.push('--key-file', '--passphrase-file', path.join(secretDir, 'pass'));
  const csr = await cli(args);
  expect(csr.code).toBe(0);
  const reference = (csr.json as { value: { keyReference: { kind: string; account?: string } } }).value.keyReference;
  return { id, account: reference.account ?? null };
}

let root = '';
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-profile-remove-'));
  dataDir = path.join(root, 'data');
  secretDir = root;
  await fs.writeFile(path.join(secretDir, 'pass'), 'a long passphrase\n');
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe.runIf(privateKeyring)('sso-wizard profile remove', () => {
  it('without --remove-keys: removes the profile and says what stays, where', async () => {
    const { id, account } = await profileWithKeys('Staging', 'keychain');
    const removed = await cli(['profile', 'remove', id]);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Removed profile "Staging"');
    expect(removed.out).toContain('Kept on this computer: 1 private key under the OS keychain');
    expect(removed.out).toContain(profileDataDir(dataDir, id));
    expect(removed.out).toContain('certs.json');
    expect(await keytarKeychain().getPassword(KEYCHAIN_SERVICE, account ?? '')).not.toBeNull();
    await keytarKeychain().deletePassword(KEYCHAIN_SERVICE, account ?? '');
  });

  it('--remove-keys needs --yes, and then removes the keychain entry, the sealed key file and certs.json', async () => {
    const { id, account } = await profileWithKeys('Production', 'keychain');
    const dir = profileDataDir(dataDir, id);
    expect(existsSync(path.join(dir, 'certs.json'))).toBe(true);
    const unconfirmed = await cli(['profile', 'remove', id, '--remove-keys']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('Add --yes to confirm');
    expect((await cli(['profile', 'show', id])).code).toBe(0);

    const removed = await cli(['profile', 'remove', id, '--remove-keys', '--yes']);
    expect(removed.err).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.out).toContain(`keychain entry "${account}"`);
    expect(removed.out).not.toContain('Kept on this computer');
    expect(await keytarKeychain().getPassword(KEYCHAIN_SERVICE, account ?? '')).toBeNull();
    expect(existsSync(dir)).toBe(false);
    expect((await cli(['profile', 'show', id])).code).toBe(1);
  });

  it('--remove-keys also removes an encrypted key file kept in the profile folder', async () => {
    const { id } = await profileWithKeys('Lab', 'file');
    const dir = profileDataDir(dataDir, id);
    expect((await fs.readdir(dir)).some((name) => name.endsWith('.p8.pem'))).toBe(true);
    const removed = await cli(['profile', 'remove', id, '--remove-keys', '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/key-[0-9a-f]{16}\.p8\.pem/);
    expect(existsSync(dir)).toBe(false);
  });
});
