import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClaimRules } from '../../../../main/domains/adfs/claim-rules-parser.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { b64, createCertFixture, type CertFixture } from '../../domains/certs/cert-fixture.js';
import { createTestCa, type TestCa } from '../../domains/certs/test-ca.js';
import { analysePowerShell } from '../../../support/powershell-syntax.js';

const PASSPHRASE = 'correct horse battery';
const SCHEMAS = '/usr/share/simplesamlphp/schemas';

describe('AD FS export and attribute checks through the core', () => {
  let fixture: CertFixture;
  let ca: TestCa;
  let outDir: string;
  beforeAll(async () => {
    fixture = await createCertFixture({ now: () => new Date() });
    ca = await createTestCa();
    outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-adfs-out-'));
  });
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
    await fs.rm(outDir, { recursive: true, force: true });
  });

  it('before a certificate is imported: the preview says which step to do first, the export refuses', async () => {
    const preview = await fixture.must('adfs.preview', { profileId: fixture.profileId });
    expect(preview.blockers).toEqual([expect.objectContaining({ what: 'site certificate', step: 'import' })]);
    expect(preview.files.map((file) => file.kind)).toEqual(['claim-rules']);
    const exported = await fixture.call('adfs.export', { profileId: fixture.profileId, outDir });
    expect(exported.ok).toBe(false);
    if (!exported.ok) {
      expect(exported.error).toMatchObject({ code: 'not-found', field: 'certificate' });
      expect(exported.error.hint).toMatch(/step 2/);
    }
    expect(await fs.readdir(outDir)).toEqual([]);
  });

  it('settings: defaults from the host, partial updates persist, bad LDAP names are refused', async () => {
    expect(await fixture.must('adfs.settings', { profileId: fixture.profileId })).toMatchObject({ relyingPartyName: 'meet.example.com', revocationCheck: 'None', ldapAttributes: { email: 'mail' } });
    const saved = await fixture.must('adfs.saveSettings', { profileId: fixture.profileId, settings: { relyingPartyName: "O'Brien's meetings", ldapAttributes: { email: 'userPrincipalName' } } });
    expect(saved).toMatchObject({ relyingPartyName: "O'Brien's meetings", ldapAttributes: { email: 'userPrincipalName', firstname: 'givenName' } });
    expect(await fixture.must('adfs.settings', { profileId: fixture.profileId })).toEqual(saved);
    const bad = await fixture.call('adfs.saveSettings', { profileId: fixture.profileId, settings: { ldapAttributes: { email: 'mail;{0}"' } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('settings.ldapAttributes.email');
    await fixture.must('adfs.saveSettings', { profileId: fixture.profileId, settings: { ldapAttributes: { email: 'mail' } } });
  });

  it('after the import: exports the folder and the zip, with a parseable script, valid metadata and the rules', async () => {
    const csr = await fixture.must('csr.generate', { profileId: fixture.profileId, keyType: 'rsa-2048', custody: 'file', passphrase: PASSPHRASE });
    const leaf = await ca.sign(csr.csrPem);
    await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'meet.example.com.pem', base64: b64(`${leaf}\n${ca.intermediatePem}`) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
      keyPassphrase: PASSPHRASE,
    });
    const preview = await fixture.must('adfs.preview', { profileId: fixture.profileId });
    expect(preview.blockers).toEqual([]);
    expect(preview.files.map((file) => file.name)).toEqual([
      'meet.example.com.cer',
      'meet.example.com-sp-metadata.xml',
      'meet.example.com-adfs-relying-party.ps1',
      'meet.example.com-export-adfs-token-signing.ps1',
      'meet.example.com-claim-rules.txt',
      'README.txt',
    ]);
    for (const file of preview.files) expect(file.destination.length).toBeGreaterThan(20);

    const written = await fixture.must('adfs.export', { profileId: fixture.profileId, outDir });
    expect(written.folder).toBe(path.join(outDir, 'meet.example.com'));
    expect(written.zip).toBe(path.join(outDir, 'meet.example.com.zip'));

    // The .cer is the imported leaf, Base64: openssl reads it and it matches the signed certificate.
    const cerPath = path.join(written.folder, 'meet.example.com.cer');
    const fingerprint = (input: string) => execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', input]).toString();
    await fs.writeFile(path.join(outDir, 'leaf.pem'), leaf);
    expect(fingerprint(cerPath)).toBe(fingerprint(path.join(outDir, 'leaf.pem')));

    // The metadata is valid against the SAML 2.0 metadata schema and carries the same certificate.
    const metadataPath = path.join(written.folder, 'meet.example.com-sp-metadata.xml');
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, 'saml-schema-metadata-2.0.xsd'), metadataPath], { stdio: 'pipe' });
    const metadata = await fs.readFile(metadataPath, 'utf8');
    const base64Body = leaf.replace(/-----[^-]+-----|\s/g, '');
    expect(metadata.replace(/\s/g, '')).toContain(base64Body);

    // The script starts with a UTF-8 BOM (Windows PowerShell 5.1) and parses; the names are escaped.
    const scriptBytes = await fs.readFile(path.join(written.folder, 'meet.example.com-adfs-relying-party.ps1'));
    expect([...scriptBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const script = scriptBytes.toString('utf8').slice(1);
    expect((await analysePowerShell(script)).errors).toEqual([]);
    expect(script).toContain("$RelyingPartyName = 'O''Brien''s meetings'");

    const rules = await fs.readFile(path.join(written.folder, 'meet.example.com-claim-rules.txt'), 'utf8');
    expect(parseClaimRules(rules).ok).toBe(true);
    expect(script).toContain(rules.trimEnd());

    // The zip holds the same files under the host folder, and unzip agrees with its CRCs.
    const listing = execFileSync('unzip', ['-Z1', written.zip]).toString().trim().split('\n');
    expect(listing).toEqual(preview.files.map((file) => `meet.example.com/${file.name}`));
    execFileSync('unzip', ['-tq', written.zip]);
    const extracted = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-unzip-'));
    try {
      execFileSync('unzip', ['-q', written.zip, '-d', extracted]);
      for (const name of listing) {
        expect(await fs.readFile(path.join(extracted, name))).toEqual(await fs.readFile(path.join(outDir, name)));
      }
    } finally {
      await fs.rm(extracted, { recursive: true, force: true });
    }

    const profile = (await fixture.must('profile.list', {})).profiles[0];
    expect(profile?.progress.completed).toContain('adfs');
  });

  it('an export folder that is a file: storage-failed naming the folder', async () => {
    const file = path.join(outDir, 'not-a-folder');
    await fs.writeFile(file, 'x');
    const result = await fixture.call('adfs.export', { profileId: fixture.profileId, outDir: file });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'storage-failed', field: 'outDir' });
      expect(result.error.message).toContain(file);
    }
  });

  it.each([
    ['a line break in the relying-party name', { relyingPartyName: 'a\nb' }, 'settings.relyingPartyName'],
    ['an empty access control policy', { accessControlPolicyName: '  ' }, 'settings.accessControlPolicyName'],
    ['an unknown revocation check', { revocationCheck: 'Sometimes' }, 'settings.revocationCheck'],
    ['an LDAP attribute with a space', { ldapAttributes: { uid: 'mail uid' } }, 'settings.ldapAttributes.uid'],
    ['MessageOnly, which leaves the assertion unsigned', { samlResponseSignature: 'MessageOnly' }, 'settings.samlResponseSignature'],
  ])('refuses %s', async (_name, settings, field) => {
    const result = await fixture.call('adfs.saveSettings', { profileId: fixture.profileId, settings: settings as never });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid-input', field });
  });

  it('a relative export folder is refused with the field named', async () => {
    const result = await fixture.call('adfs.export', { profileId: fixture.profileId, outDir: 'relative/folder' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid-input', field: 'outDir' });
  });

  it.each([
    { name: 'plain text', samlResponse: 'hello, this is not SAML' },
    { name: 'Base64 of something else', samlResponse: Buffer.from('<html><body>login</body></html>').toString('base64') },
    { name: 'a truncated response', samlResponse: '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"' },
  ])('a pasted "response" that is $name is refused with the field named, not reported as a refused sign-in', async ({ samlResponse }) => {
    const result = await fixture.call('attributes.checkResponse', { profileId: fixture.profileId, samlResponse });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'invalid-input', field: 'samlResponse' });
      expect(result.error.message).toMatch(/^The text is not a SAML response that can be read: ./);
    }
  });

  it('sso-wizard adfs-export --out DIR writes the same bundle', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
    const cliOut = path.join(outDir, 'cli');
    const code = await runCli(['adfs-export', '--out', cliOut, '--data-dir', fixture.dataDir], io);
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(path.join(cliOut, 'meet.example.com.zip'));
    expect((await fs.readdir(path.join(cliOut, 'meet.example.com'))).sort()).toEqual(['README.txt', 'meet.example.com-adfs-relying-party.ps1', 'meet.example.com-claim-rules.txt', 'meet.example.com-export-adfs-token-signing.ps1', 'meet.example.com-sp-metadata.xml', 'meet.example.com.cer']);

    const json: string[] = [];
    const usage = await runCli(['adfs-export', '--bogus', '--data-dir', fixture.dataDir], { out: (t) => json.push(t), err: (t) => json.push(t), env: {} });
    expect(usage).toBe(2);
  });

  it('analyzes the generated rules and pasted AD FS rules, naming the line of a syntax error', async () => {
    const generated = await fixture.must('attributes.analyzeRules', { profileId: fixture.profileId });
    expect(generated).toMatchObject({ basis: 'generated', ruleCount: 3, allPresent: true, extraClaims: [] });
    const profile = (await fixture.must('profile.list', {})).profiles[0];
    expect(profile?.progress.completed).toContain('attributes');

    const pasted = await fixture.must('attributes.analyzeRules', {
      profileId: fixture.profileId,
      rulesText: '@RuleTemplate = "LdapClaims"\n@RuleName = "x"\nc:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]\n => issue(store = "Active Directory", types = ("firstname", "lastname", "email"), query = ";givenName,sn,mail;{0}", param = c.Value);',
    });
    expect(pasted.basis).toBe('pasted');
    expect(pasted.findings.filter((f) => f.status !== 'sent').map((f) => [f.attribute, f.siteErrorCodes])).toEqual([
      ['uid', [31, 32]],
      ['SAML_SUBJECT', [31, 32]],
      ['NameID', [2]],
    ]);

    const broken = await fixture.call('attributes.analyzeRules', { profileId: fixture.profileId, rulesText: 'c:[Type == "a"]\n=> issue(claim = c)\n' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error).toMatchObject({ code: 'invalid-input', field: 'rulesText' });
      expect(broken.error.message).toMatch(/Line 3, column/);
    }
  });

  it('another SAML IdP: checks what its metadata offers (names and NameID formats), and refuses when there is none', async () => {
    const none = await fixture.call('attributes.analyzeRules', { profileId: fixture.profileId, source: 'metadata' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.field).toBe('idpMetadataXml');
    const idpMetadataXml = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" entityID="https://idp.example.org">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.org/sso"/>
    <saml:Attribute Name="firstname"/><saml:Attribute Name="email"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
    const analysis = await fixture.must('attributes.analyzeRules', { profileId: fixture.profileId, source: 'metadata', idpMetadataXml });
    expect(analysis.basis).toBe('metadata');
    expect(analysis.findings.map((f) => [f.attribute, f.status])).toEqual([
      ['firstname', 'sent'],
      ['lastname', 'unknown'],
      ['email', 'sent'],
      ['uid', 'unknown'],
      ['SAML_SUBJECT', 'unknown'],
      ['NameID', 'unknown'],
    ]);
    expect(analysis.notes.join(' ')).toMatch(/error 25/);
    const garbage = await fixture.call('attributes.analyzeRules', { profileId: fixture.profileId, source: 'metadata', idpMetadataXml: '<not-metadata/>' });
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.error.field).toBe('idpMetadataXml');
  });

  it('sso-wizard attributes: exit 0 for the generated rules, exit 1 with the code and the fix rule for pasted rules without a NameID', async () => {
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runCli([...args, '--data-dir', fixture.dataDir], { out: (t) => lines.push(t), err: (t) => lines.push(t), env: {} });
      return { code, text: lines.join('\n') };
    };
    const generated = await run(['attributes']);
    expect(generated.code).toBe(0);
    expect(generated.text).toMatch(/^OK: every required attribute/);
    const rulesFile = path.join(outDir, 'pasted-rules.txt');
    await fs.writeFile(rulesFile, 'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]\n => issue(store = "Active Directory", types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT"), query = ";givenName,sn,mail,mail,mail;{0}", param = c.Value);\n');
    const pasted = await run(['attributes', '--rules', rulesFile]);
    expect(pasted.code).toBe(1);
    expect(pasted.text).toContain('ERROR (site error 2): NameID: No rule issues a Name ID claim');
    expect(pasted.text).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    const json = await run(['attributes', '--rules', rulesFile, '--json']);
    expect(JSON.parse(json.text)).toMatchObject({ ok: true, value: { basis: 'pasted', allPresent: false } });
    expect((await run(['attributes', '--rules', path.join(outDir, 'missing.txt')])).code).toBe(2);
    expect((await run(['attributes', '--rules', rulesFile, '--metadata-only'])).code).toBe(2);
  });
});
