/** sso-wizard adfs-export: every relying-party setting the UI offers, as a flag, with --json. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { analysePowerShell, singleQuotedValue } from '../../../support/powershell-syntax.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';
import { runCliCaptured } from '../../../support/run-cli.js';

let dir: string;
let ca: TestCa;
const at = (name: string) => path.join(dir, name);

const cli = (args: string[]) => runCliCaptured(['--data-dir', at('data'), ...args]);

async function exported(args: string[]): Promise<{ value: { folder: string; files: string[]; settings: Record<string, unknown> }; script: string; readme: string; metadata: string }> {
  const result = await cli(['adfs-export', '--out', at('out'), ...args, '--json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const parsed = JSON.parse(result.out) as { ok: true; value: { folder: string; files: string[]; settings: Record<string, unknown> } };
  expect(parsed.ok).toBe(true);
  const read = (suffix: string) => fs.readFile(parsed.value.files.find((file) => file.endsWith(suffix)) ?? '', 'utf8');
  return { value: parsed.value, script: await read('-adfs-relying-party.ps1'), readme: await read('README.txt'), metadata: await read('-sp-metadata.xml') };
}

async function scriptValue(script: string, variable: string): Promise<string | null> {
  const assignment = (await analysePowerShell(script)).assignments.find((candidate) => candidate.variable === variable);
  return assignment ? singleQuotedValue(assignment.value) : null;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-adfs-cli-'));
  ca = await createTestCa();
  await fs.writeFile(at('pass'), 'cli-passphrase-1\n');
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.com'])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await ca.cleanup();
});

describe('sso-wizard adfs-export', () => {
  it('refuses before a certificate is imported, saying what to do (exit 1)', async () => {
    const result = await cli(['adfs-export', '--out', at('out'), '--json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.out);
    expect(parsed.ok).toBe(false);
    expect(parsed.error.message).toContain('No site certificate is imported');
  });

  it('imports a certificate, then exports with the defaults', async () => {
    expect((await cli(['csr', '--key-type', 'rsa-2048', '--key-file', '--passphrase-file', at('pass'), '--out', at('site.csr')])).code).toBe(0);
    await fs.writeFile(at('signed.pem'), (await ca.sign(await fs.readFile(at('site.csr'), 'utf8'))) + ca.intermediatePem);
    await fs.writeFile(at('root.pem'), ca.rootPem);
    expect((await cli(['import', at('signed.pem'), '--root', at('root.pem'), '--key-passphrase-file', at('pass')])).code).toBe(0);
    const human = await cli(['adfs-export', '--out', at('out')]);
    expect(human.code).toBe(0);
    expect(human.out).toContain('Relying party "meet.example.com", policy "Permit everyone", revocation checks None, response signature AssertionOnly, encryption off.');
    expect(human.out).toContain('-WhatIf');
    const { value, metadata } = await exported([]);
    expect(value.settings).toMatchObject({ relyingPartyName: 'meet.example.com', encryptAssertions: false });
    expect(value.files.map((file) => path.basename(file))).toEqual([
      'meet.example.com.cer',
      'meet.example.com-sp-metadata.xml',
      'meet.example.com-adfs-relying-party.ps1',
      'meet.example.com-export-adfs-token-signing.ps1',
      'meet.example.com-claim-rules.txt',
      'README.txt',
    ]);
    expect(metadata).toContain('AuthnRequestsSigned="true"');
    expect(metadata).not.toContain('use="encryption"');
  }, 60_000);

  it('--name, --policy, --revocation-check, --response-signature, --encrypt, --ldap reach the script, the README and the metadata, and are saved', async () => {
    const { value, script, readme, metadata } = await exported([
      '--name', "O'Brien's meetings",
      '--policy', 'Permit everyone and require MFA',
      '--revocation-check', 'checkchainexcluderoot',
      '--response-signature', 'MessageAndAssertion',
      '--encrypt',
      '--ldap', 'email=userPrincipalName',
      '--ldap', 'uid=sAMAccountName',
    ]);
    expect(value.settings).toMatchObject({
      relyingPartyName: "O'Brien's meetings",
      accessControlPolicyName: 'Permit everyone and require MFA',
      revocationCheck: 'CheckChainExcludeRoot',
      samlResponseSignature: 'MessageAndAssertion',
      encryptAssertions: true,
      ldapAttributes: { email: 'userPrincipalName', uid: 'sAMAccountName', firstname: 'givenName' },
    });
    expect(await scriptValue(script, '$RelyingPartyName')).toBe("O'Brien's meetings");
    expect(await scriptValue(script, '$AccessControlPolicyName')).toBe('Permit everyone and require MFA');
    expect(await scriptValue(script, '$RevocationCheck')).toBe('CheckChainExcludeRoot');
    expect(await scriptValue(script, '$SamlResponseSignature')).toBe('MessageAndAssertion');
    expect(script).toContain('-EncryptionCertificate $Certificate -EncryptClaims $true');
    expect(script).toContain('query = ";givenName,sn,userPrincipalName,sAMAccountName,mail;{0}"');
    expect(readme).toContain("-TargetName 'O''Brien''s meetings'");
    expect(readme).toContain('uid comes from sAMAccountName');
    expect(metadata).toContain('<md:KeyDescriptor use="encryption">');
    // Saved: the next export without flags keeps them; --no-encrypt turns encryption off again.
    const again = await exported(['--no-encrypt']);
    expect(again.value.settings).toMatchObject({ relyingPartyName: "O'Brien's meetings", encryptAssertions: false, revocationCheck: 'CheckChainExcludeRoot' });
    expect(again.script).not.toContain('-EncryptClaims $true');
  }, 60_000);

  it.each([
    { args: ['--revocation-check', 'Sometimes'], text: '--revocation-check "Sometimes" is not one of: None, CheckEndCert' },
    { args: ['--response-signature', 'MessageOnly'], text: 'MessageOnly leaves the assertion unsigned' },
    { args: ['--encrypt', '--no-encrypt'], text: 'Give --encrypt or --no-encrypt, not both.' },
    { args: ['--ldap', 'UID=mail'], text: '"UID" is not a claim the site reads' },
    { args: ['--ldap', 'email'], text: '--ldap "email" is not CLAIM=ATTRIBUTE' },
    { args: ['--out', ' '], text: '--out needs a folder.' },
    { args: ['--colour'], text: "Unknown option '--colour'" },
  ])('bad usage $args: exit 2 with the reason and the help', async ({ args, text }) => {
    const result = await cli(['adfs-export', ...args]);
    expect(result.code).toBe(2);
    expect(`${result.err}${result.out}`).toContain(text);
  });

  it('a value the core refuses names the field and changes nothing', async () => {
    const before = JSON.parse((await cli(['adfs-export', '--out', at('out'), '--json'])).out).value.settings;
    const result = await cli(['adfs-export', '--out', at('out'), '--ldap', 'email=mail;{0}"', '--json']);
    expect(result.code).toBe(2);
    const parsed = JSON.parse(result.out);
    expect(parsed.ok).toBe(false);
    expect(parsed.error.message).toMatch(/LDAP attribute/);
    expect(JSON.parse((await cli(['adfs-export', '--out', at('out'), '--json'])).out).value.settings).toEqual(before);
  }, 60_000);

  it('an ECDSA site certificate: exported, with a WARNING line and the warning in --json', async () => {
    const ecdsa = at('ecdsa');
    await fs.mkdir(ecdsa);
    const run = (args: string[]) => runCli(['--data-dir', path.join(ecdsa, 'data'), ...args], { out: () => undefined, err: () => undefined, env: { ...process.env } });
    expect(await run(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.com'])).toBe(0);
    expect(await run(['csr', '--key-type', 'ecdsa-p256', '--key-file', '--passphrase-file', at('pass'), '--out', path.join(ecdsa, 'site.csr')])).toBe(0);
    await fs.writeFile(path.join(ecdsa, 'signed.pem'), (await ca.sign(await fs.readFile(path.join(ecdsa, 'site.csr'), 'utf8'))) + ca.intermediatePem);
    expect(await run(['import', path.join(ecdsa, 'signed.pem'), '--root', at('root.pem'), '--key-passphrase-file', at('pass')])).toBe(0);
    const out: string[] = [];
    const human = await runCli(['--data-dir', path.join(ecdsa, 'data'), 'adfs-export', '--out', path.join(ecdsa, 'out')], { out: (text) => out.push(text), err: (text) => out.push(text), env: { ...process.env } });
    expect(human).toBe(0);
    expect(out.join('\n')).toMatch(/^WARNING: The site certificate has an EC key, but AD FS verifies a relying party's signed requests with RSA only/m);
    const json: string[] = [];
    expect(await runCli(['--data-dir', path.join(ecdsa, 'data'), 'adfs-export', '--out', path.join(ecdsa, 'out'), '--json'], { out: (text) => json.push(text), err: () => undefined, env: { ...process.env } })).toBe(0);
    expect(JSON.parse(json.join('')).value.warnings).toEqual([expect.objectContaining({ what: 'site certificate key type', step: 'csr' })]);
  }, 60_000);

  it('--help documents every flag', async () => {
    const help = await cli(['adfs-export', '--help']);
    for (const flag of ['--out', '--profile', '--json', '--name', '--policy', '--revocation-check', '--response-signature', '--encrypt', '--no-encrypt', '--ldap']) {
      expect(`${help.out}${help.err}`).toContain(flag);
    }
  });
});
