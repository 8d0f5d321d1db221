/**
 * Issue 16, item 1: browser mode's token alone must not hand out the keychain-held site key. A CSR's key goes to
 * the real (private) keyring, an openssl CA signs the CSR, and then cert.export as PFX over HTTP with the token is
 * refused, while the CLI (run as the keychain's owner) exports it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Input, Output } from '../../../../shared/api/contract.js';
import type { Result } from '../../../../shared/result.js';
import { createCore, type Core } from '../../../../main/app/core/create-core.js';
import { startBrowserModeServer, type BrowserModeServer } from '../../../../main/doors/http/browser-mode-server.js';
import { keytarKeychain, KEYCHAIN_SERVICE } from '../../../../main/domains/certs/key-custody.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';
import { testOutside } from '../../../support/test-outside.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const privateKeyring = process.env['SSO_WIZARD_KEYRING'] === 'private';
const tempDir = useTempDirs();

describe.runIf(privateKeyring)('browser mode and a keychain-held key', () => {
  let ca: TestCa;
  let server: BrowserModeServer;
  let cli: Core;
  let profileId = '';
  let account = '';
  beforeAll(async () => {
    ca = await createTestCa();
  });
  afterAll(async () => {
    await server?.close();
    await ca.cleanup();
    if (account) await keytarKeychain().deletePassword(KEYCHAIN_SERVICE, account);
  });

  async function viaHttp<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    const response = await fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.origin, 'X-SSO-Wizard-Token': server.token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Result<Output<C>>;
  }

  it('refuses cert.export as PFX with the token alone; the CLI exports it', async () => {
    const dataDir = tempDir();
    const rendererDir = tempDir();
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const browser = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir });
    cli = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir });
    server = await startBrowserModeServer({ dispatch: browser.dispatch, rendererDir });

    const profile = await viaHttp('profile.create', { name: 'Production', siteUrl: 'https://meet.example.com' });
    if (!profile.ok) throw new Error(profile.error.message);
    profileId = profile.value.id;
    const csr = await viaHttp('csr.generate', { profileId, keyType: 'ecdsa-p256', custody: 'keychain' });
    if (!csr.ok) throw new Error(csr.error.message);
    expect(csr.value.keyReference.kind).toBe('keychain');
    if (csr.value.keyReference.kind === 'keychain') account = csr.value.keyReference.account;
    const leaf = await ca.sign(csr.value.csrPem);
    const imported = await viaHttp('cert.import', {
      profileId,
      files: [{ name: 'site.pem', base64: Buffer.from(leaf + ca.intermediatePem).toString('base64') }],
      extraRoots: [{ name: 'root.pem', base64: Buffer.from(ca.rootPem).toString('base64') }],
    });
    expect(imported.ok && imported.value.keyMatched).toBe(true);

    const refused = await viaHttp('cert.export', { profileId, format: 'pfx', passphrase: 'a-long-export-passphrase' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('forbidden');
      expect(refused.error.message).toContain('access token alone');
      expect(refused.error.hint).toContain('sso-wizard export pfx');
    }
    // Public exports stay available in browser mode.
    expect((await viaHttp('cert.export', { profileId, format: 'adfs-cer' })).ok).toBe(true);

    const fromCli = (await cli.dispatch('cert.export', { profileId, format: 'pfx', passphrase: 'a-long-export-passphrase' })) as Result<Output<'cert.export'>>;
    expect(fromCli.ok).toBe(true);
  }, 60_000);
});
