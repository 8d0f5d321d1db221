import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAdfsBundle, type BundleInput } from '../../../../main/domains/adfs/adfs-bundle.js';
import { buildClaimRules } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { consoleRuleBody } from '../../../../main/domains/adfs/adfs-readme-builder.js';
import { analyzeRequiredClaims } from '../../../../main/domains/adfs/required-claims-analyzer.js';
import { parseClaimRules } from '../../../../main/domains/adfs/claim-rules-parser.js';
import { buildZip } from '../../../../main/domains/adfs/zip-writer.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { FIXTURES, GENERATOR, NOW, SITE_PROFILES, type SiteProfileFixture } from './site-profiles.js';

const tempDir = useTempDirs('sso-wizard-adfs-bundle-');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

describe.each(SITE_PROFILES)('AD FS bundle for $id', (profile) => {
  const bundle = buildAdfsBundle({ site: profile.site, settings: profile.settings, certificate: { leafPem: profile.certificatePem }, buildSpMetadata, generator: GENERATOR, now: NOW });

  it('README matches the golden file and agrees with the script', () => {
    const readme = bundle.files.find((file) => file.kind === 'readme')?.content ?? '';
    const golden = path.join(FIXTURES, `${profile.id}-README.txt`);
    if (UPDATE || !existsSync(golden)) writeFileSync(golden, readme);
    expect(readme).toBe(readFileSync(golden, 'utf8'));
    const script = bundle.files.find((file) => file.kind === 'script')?.content ?? '';
    // Every file the README names is in the bundle; the values it lists are the script's values.
    for (const file of bundle.files) expect(readme).toContain(file.name);
    expect(readme).toContain(profile.settings.relyingPartyName);
    expect(readme).toContain(profile.site.acsUrl);
    expect(script).toContain(profile.site.acsUrl);
    expect(readme).toContain(`Revocation checks:          ${profile.settings.revocationCheck}`);
    expect(readme).toContain(profile.settings.encryptAssertions ? 'then Browse... and pick' : 'Encryption tab: if it lists a certificate other than the site certificate');
    // The real trust name, single-quoted, where a command takes it; absolute paths; unblocking; dry run first.
    expect(readme).toContain(`-TargetName '${profile.settings.relyingPartyName.replace(/'/g, "''")}'`);
    expect(readme).not.toContain("<the trust's name>");
    expect(readme).toMatch(/-File 'C:\\SSO\\[^']+\.ps1' -WhatIf/);
    expect(readme).toContain('Unblock-File');
    expect(readme).toContain('MachinePolicy or UserPolicy');
    expect(readme).toContain('marked Primary');
  });

  it('README option B: revocation right after the certificates, console-ready rule bodies without @ lines', () => {
    const readme = bundle.files.find((file) => file.kind === 'readme')?.content ?? '';
    const existing = readme.slice(readme.indexOf('If the relying party trust already exists'), readme.indexOf('If it does not exist yet'));
    expect(existing.indexOf('-SigningCertificateRevocationCheck')).toBeGreaterThan(existing.indexOf('Signature tab'));
    expect(existing.indexOf('-SigningCertificateRevocationCheck')).toBeLessThan(existing.indexOf('Endpoints tab'));
    const created = readme.slice(readme.indexOf('If it does not exist yet'), readme.indexOf('Claim rules (new trust'));
    expect(created.indexOf('-SigningCertificateRevocationCheck')).toBeLessThan(created.indexOf('Advanced tab'));
    for (const rule of buildClaimRules(profile.settings.ldapAttributes)) {
      expect(readme).toContain(`name: ${rule.name}`);
      const body = consoleRuleBody(rule);
      expect(body.some((line) => line.includes('@Rule'))).toBe(false);
      for (const line of body) expect(readme).toContain(line.trimStart());
      // The console body is a rule the parser accepts on its own.
      expect(parseClaimRules(body.join('\n')).ok).toBe(true);
    }
  });

  it('metadata: AuthnRequestsSigned true, an encryption key descriptor exactly when encryption is on, valid against the XSD', () => {
    const metadata = bundle.files.find((file) => file.kind === 'metadata')?.content ?? '';
    expect(metadata).toContain('AuthnRequestsSigned="true"');
    expect(metadata).toContain('<md:KeyDescriptor use="signing">');
    expect(metadata.includes('<md:KeyDescriptor use="encryption">')).toBe(profile.settings.encryptAssertions);
    const dir = tempDir();
    const file = path.join(dir, 'md.xml');
    writeFileSync(file, metadata);
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', '/usr/share/simplesamlphp/schemas/saml-schema-metadata-2.0.xsd', file], { encoding: 'utf8' });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
  });

  it('carries the token-signing export script, written with a BOM like the other script', () => {
    const tokenSigning = bundle.files.find((file) => file.kind === 'token-signing-script');
    expect(tokenSigning?.name).toBe(`${profile.site.host.replace(':', '_')}-export-adfs-token-signing.ps1`);
    expect(tokenSigning?.content).toContain("Get-AdfsCertificate -CertificateType 'Token-Signing'");
  });

  it('names every file after the host and keeps the rules identical in the .txt and the script', () => {
    const base = profile.site.host.replace(':', '_');
    expect(bundle.folderName).toBe(base);
    expect(bundle.files.filter((file) => file.kind !== 'readme').every((file) => file.name.startsWith(base))).toBe(true);
    const rules = bundle.files.find((file) => file.kind === 'claim-rules')?.content ?? '';
    expect(rules).toContain('\r\n');
    expect(parseClaimRules(rules).ok).toBe(true);
    expect(bundle.files.find((file) => file.kind === 'script')?.content).toContain(rules.trimEnd());
  });
});

describe('README: what the site receives follows the mapping', () => {
  const profile = SITE_PROFILES[0] as SiteProfileFixture;
  const readmeFor = (ldapAttributes: SiteProfileFixture['settings']['ldapAttributes']) =>
    buildAdfsBundle({ site: profile.site, settings: { ...profile.settings, ldapAttributes }, certificate: { leafPem: profile.certificatePem }, buildSpMetadata, generator: GENERATOR, now: NOW }).files.find((file) => file.kind === 'readme')?.content ?? '';

  it('says uid and SAML_SUBJECT carry the email only when they do', () => {
    expect(readmeFor(profile.settings.ldapAttributes)).toContain('uid and SAML_SUBJECT carry the email address, as the site expects.');
    const changed = readmeFor({ ...profile.settings.ldapAttributes, uid: 'sAMAccountName' });
    expect(changed).not.toContain('uid and SAML_SUBJECT carry the email address');
    expect(changed).toContain('uid comes from sAMAccountName, not from mail like email:');
    expect(changed).toContain('the site expects it to equal the email address, so check that this attribute holds it for every user.');
  });
});

describe('the claim rules send the site only what it uses', () => {
  it.each(SITE_PROFILES)('$id: the step-4 checker passes the rules and finds no extra claim', (profile) => {
    const text = buildClaimRules(profile.settings.ldapAttributes).map((rule) => rule.text).join('\n\n');
    const parsed = parseClaimRules(text);
    if (!parsed.ok) throw new Error('the generated rules do not parse');
    expect(parsed.rules.map((rule) => rule.action.verb)).toEqual(['issue', 'add', 'issue']);
    const analysis = analyzeRequiredClaims({ rules: parsed.rules, mapping: profile.settings.ldapAttributes, offered: null });
    expect(analysis.allPresent).toBe(true);
    expect(analysis.extraClaims).toEqual([]);
  });
});

function certificate(dir: string, keyArgs: string[], days: string[]): string {
  const key = path.join(dir, 'key.pem');
  const crt = path.join(dir, 'crt.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', ...keyArgs, '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=meet.example.com', ...days], { stdio: 'pipe' });
  return readFileSync(crt, 'utf8');
}

describe('certificates AD FS cannot take block or warn (real openssl certificates)', () => {
  const profile = SITE_PROFILES[0] as SiteProfileFixture;
  const input = (leafPem: string, now: Date, overrides: Partial<BundleInput> = {}): BundleInput => ({
    site: profile.site,
    settings: profile.settings,
    certificate: { leafPem },
    buildSpMetadata,
    generator: GENERATOR,
    now,
    ...overrides,
  });

  it.each([
    { name: 'ECDSA P-256 leaf', keyArgs: ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], key: 'EC' },
    { name: 'Ed25519 leaf', keyArgs: ['ed25519'], key: 'ED25519' },
  ])('$name: exportable, with a warning that AD FS verifies signed requests with RSA only', ({ keyArgs, key }) => {
    const pem = certificate(tempDir(), keyArgs, ['-days', '30']);
    const bundle = buildAdfsBundle(input(pem, new Date()));
    expect(bundle.blockers).toEqual([]);
    expect(bundle.warnings).toEqual([expect.objectContaining({ what: 'site certificate key type', step: 'csr', message: expect.stringMatching(new RegExp(`${key} key.*RSA only.*MSIS1016`)) })]);
    expect(bundle.files.map((file) => file.kind)).toContain('script');
  });

  it.each([
    { name: 'expired leaf', days: ['-days', '1'], offsetDays: 3, what: 'site certificate expired', text: /expired on \d{4}-\d{2}-\d{2}/ },
    { name: 'not-yet-valid leaf', days: ['-days', '30'], offsetDays: -2, what: 'site certificate not yet valid', text: /valid only from/ },
  ])('$name: blocked', ({ days, offsetDays, what, text }) => {
    const pem = certificate(tempDir(), ['rsa:2048'], days);
    const now = new Date(Date.now() + offsetDays * 86_400_000);
    const bundle = buildAdfsBundle(input(pem, now));
    expect(bundle.blockers).toEqual([expect.objectContaining({ what, step: 'import', message: expect.stringMatching(text) })]);
  });

  it('a current RSA leaf passes', () => {
    const pem = certificate(tempDir(), ['rsa:2048'], ['-days', '30']);
    const bundle = buildAdfsBundle(input(pem, new Date()));
    expect(bundle.blockers).toEqual([]);
    expect(bundle.warnings).toEqual([]);
  });

  it('MessageOnly (assertion unsigned) blocks the bundle and names the setting', () => {
    const bundle = buildAdfsBundle(input(profile.certificatePem, NOW, { settings: { ...profile.settings, samlResponseSignature: 'MessageOnly' } }));
    expect(bundle.blockers).toEqual([expect.objectContaining({ what: 'response signature', step: 'adfs', message: expect.stringMatching(/MessageOnly.*code 20/) })]);
  });
});

describe('buildZip', () => {
  it('writes an archive unzip accepts, with UTF-8 names, empty files and exact contents', async () => {
    const dir = tempDir();
    const entries = [
      { name: 'site/empty.txt', data: new Uint8Array() },
      { name: 'site/Ünïcödé 会议.txt', data: new TextEncoder().encode('hello\r\n') },
      { name: 'site/big.bin', data: new Uint8Array(200_000).map((_, i) => (i * 7919) % 251) },
    ];
    const zip = path.join(dir, 'out.zip');
    await fs.writeFile(zip, buildZip(entries, new Date(2026, 10, 28, 12, 30, 44)));
    execFileSync('unzip', ['-tq', zip]);
    // Python's zipfile is an independent reader that honours the UTF-8 flag whatever the locale.
    const names = execFileSync('python3', ['-c', 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist()))', zip]).toString();
    expect(JSON.parse(names)).toEqual(entries.map((entry) => entry.name));
    expect(execFileSync('zipinfo', ['-T', '-l', zip]).toString()).toContain('20261128.123044');
    execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, dir]);
    for (const entry of entries) expect(new Uint8Array(await fs.readFile(path.join(dir, entry.name)))).toEqual(entry.data);
  });

  it('an empty archive is still a valid zip', async () => {
    const dir = tempDir();
    const zip = path.join(dir, 'empty.zip');
    await fs.writeFile(zip, buildZip([], new Date(2026, 0, 1)));
    expect((await fs.readFile(zip)).length).toBe(22);
    const count = execFileSync('python3', ['-c', 'import sys,zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))', zip]).toString().trim();
    expect(count).toBe('0');
  });
});
