/**
 * `sso-wizard idp-certificate` in-process: IdP metadata with two signing certificates made by openssl, the list,
 * --save-current refused while it is not known which one signs, --save FINGERPRINT writing a .cer whose
 * fingerprint openssl confirms, never replacing a file, and the record kept for the site.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair } from '../../../support/simplesamlphp.js';
import { testOutside } from '../../../support/test-outside.js';
import { runCliCaptured } from '../../../support/run-cli.js';

let dir: string;
let certs: string[] = [];

const cli = (args: string[]) => runCliCaptured(['--data-dir', path.join(dir, 'data'), ...args], process.env);

const fingerprint = (pem: string) => execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem }).toString().trim().split('=')[1] as string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-idp-cert-cli-'));
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.test'])).code).toBe(0);
  certs = [makeKeyPair(dir, 'a', '/CN=ADFS Signing - adfs.example.test').certPem, makeKeyPair(dir, 'b', '/CN=ADFS Signing - adfs.example.test (next)').certPem];
  const keys = certs.map((c) => `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c.replace(/-----[^-]+-----|\s/g, '')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`).join('');
  const metadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="http://adfs.example.test/adfs/services/trust"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://adfs.example.test/adfs/ls/"/></IDPSSODescriptor></EntityDescriptor>`;
  const { createCore } = await import('../../../../main/app/core/create-core.js');
  const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: path.join(dir, 'data') });
  const listed = (await core.dispatch('profile.list', {})) as { ok: true; value: { profiles: { id: string }[] } };
  expect((await core.dispatch('idp.import', { profileId: listed.value.profiles[0]?.id ?? '', text: metadata })).ok).toBe(true);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('sso-wizard idp-certificate', () => {
  it('lists both signing certificates with fingerprint and validity', async () => {
    const result = await cli(['idp-certificate']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('IdP entity ID for the site: http://adfs.example.test/adfs/services/trust');
    for (const pem of certs) expect(result.out).toContain(fingerprint(pem));
    expect(result.out).toMatch(/Signs now: not known yet/);
  });

  it('--save-current is refused while it is not known which one signs', async () => {
    const result = await cli(['idp-certificate', '--save-current']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not known/);
  });

  it('--save FINGERPRINT writes the .cer (openssl agrees), records it, and never replaces a file', async () => {
    const out = path.join(dir, 'out');
    await fs.mkdir(out);
    const wanted = fingerprint(certs[1] as string);
    const result = await cli(['idp-certificate', '--save', wanted, '--out', out]);
    expect(result.code).toBe(0);
    const [file] = await fs.readdir(out);
    expect(file).toMatch(/^adfs\.example\.test-token-signing-[0-9a-f]{8}\.cer$/);
    expect(fingerprint(await fs.readFile(path.join(out, file as string), 'utf8'))).toBe(wanted);
    expect(result.out).toContain(`Wrote ${path.join(out, file as string)}`);
    expect((await cli(['idp-certificate'])).out).toMatch(/\(next\)\s+\[saved for the site\]/);
    const again = await cli(['idp-certificate', '--save', wanted, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists; it was not replaced/);
  });

  it('names an unknown fingerprint', async () => {
    const result = await cli(['idp-certificate', '--save', `${'AB:'.repeat(31)}AB`, '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no signing certificate with the SHA-256 fingerprint AB:AB/);
  });
});
