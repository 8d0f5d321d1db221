import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClaimRulesText } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { buildPowerShellScript, RSA_SHA256, ScriptInputError } from '../../../../main/domains/adfs/powershell-script-builder.js';
import { psSingleQuoted } from '../../../../main/domains/adfs/powershell-quoting.js';
import { analysePowerShell, singleQuotedValue, type PowerShellSyntax } from '../../../support/powershell-syntax.js';
import { FIXTURES, GENERATOR, SITE_PROFILES, type SiteProfileFixture } from './site-profiles.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function scriptFor(profile: SiteProfileFixture, overrides: Partial<SiteProfileFixture['settings']> = {}): string {
  return buildPowerShellScript({
    ...profile.site,
    settings: { ...profile.settings, ...overrides },
    certificatePem: profile.certificatePem,
    claimRulesText: buildClaimRulesText(profile.settings.ldapAttributes),
    generator: GENERATOR,
  });
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function value(syntax: PowerShellSyntax, variable: string): string | null {
  const assignment = syntax.assignments.find((candidate) => candidate.variable === variable);
  return assignment ? singleQuotedValue(assignment.value) : null;
}

// Cmdlets and parameters as documented for the ADFS module (docs/domain.md).
const DOCUMENTED = {
  'Add-AdfsRelyingPartyTrust': ['-Name', '-Identifier', '-SamlEndpoint', '-RequestSigningCertificate', '-SignatureAlgorithm', '-SigningCertificateRevocationCheck', '-EncryptionCertificateRevocationCheck', '-SamlResponseSignature', '-IssuanceTransformRules', '-AccessControlPolicyName'],
  'Set-AdfsRelyingPartyTrust': ['-TargetName', '-Identifier', '-SamlEndpoint', '-RequestSigningCertificate', '-SignatureAlgorithm', '-SigningCertificateRevocationCheck', '-EncryptionCertificateRevocationCheck', '-SamlResponseSignature'],
  'New-AdfsSamlEndpoint': ['-Binding', '-Protocol', '-Uri', '-IsDefault', '-Index'],
};
/** Every command the script may call; an injected value would add another. */
const ALLOWED_COMMANDS = new Set([
  'Set-StrictMode', 'Write-Host', 'New-Object', 'Get-Command', 'Stop-WithMessage', 'Get-Date', 'New-AdfsSamlEndpoint',
  'Get-AdfsRelyingPartyTrust', 'Add-AdfsRelyingPartyTrust', 'Set-AdfsRelyingPartyTrust', 'Where-Object', 'ForEach-Object',
]);

describe.each(SITE_PROFILES)('PowerShell script for $id', (profile) => {
  it('matches the golden file (script and claim rules)', () => {
    expectGolden(`${profile.id}.ps1`, scriptFor(profile));
    expectGolden(`${profile.id}-claim-rules.txt`, buildClaimRulesText(profile.settings.ldapAttributes));
  });

  it('parses with the PowerShell grammar, with the documented cmdlets and parameters', async () => {
    const syntax = await analysePowerShell(scriptFor(profile));
    expect(syntax.errors).toEqual([]);
    for (const [cmdlet, parameters] of Object.entries(DOCUMENTED)) {
      const calls = syntax.commands.filter((command) => command.name === cmdlet);
      expect(calls.length, cmdlet).toBeGreaterThan(0);
      expect(calls.flatMap((call) => call.parameters)).toEqual(expect.arrayContaining(parameters));
    }
    const getCalls = syntax.commands.filter((command) => command.name === 'Get-AdfsRelyingPartyTrust').map((command) => command.parameters);
    expect(getCalls).toEqual([['-Name', '-ErrorAction'], ['-Identifier', '-ErrorAction']]);
    expect(syntax.commands.filter((command) => !ALLOWED_COMMANDS.has(command.name))).toEqual([]);
    const endpoint = syntax.commands.find((command) => command.name === 'New-AdfsSamlEndpoint');
    expect(endpoint?.parameters).toEqual(['-Binding', '-Protocol', '-Uri', '-IsDefault', '-Index']);
    if (profile.settings.encryptAssertions) {
      expect(syntax.commands.find((command) => command.name === 'Add-AdfsRelyingPartyTrust')?.parameters).toContain('-EncryptionCertificate');
    }
  });

  it('carries the profile\'s own values as single-quoted literals', async () => {
    const syntax = await analysePowerShell(scriptFor(profile));
    expect(value(syntax, '$RelyingPartyName')).toBe(profile.settings.relyingPartyName);
    expect(value(syntax, '$Identifier')).toBe(profile.site.spEntityId);
    expect(value(syntax, '$AcsUrl')).toBe(profile.site.acsUrl);
    expect(value(syntax, '$SignatureAlgorithm')).toBe(RSA_SHA256);
    expect(value(syntax, '$RevocationCheck')).toBe(profile.settings.revocationCheck);
    expect(value(syntax, '$AccessControlPolicyName')).toBe(profile.settings.accessControlPolicyName);
    const other = SITE_PROFILES.find((candidate) => candidate !== profile);
    expect(scriptFor(profile)).not.toContain(other?.site.host);
  });
});

const HOSTILE_NAMES = [
  "O'Brien's site",
  "x'; Remove-Item -Recurse -Force C:\\; 'y",
  '\u2018smart\u2019 quotes\u2019; Stop-Computer; \u2018',
  '$(Stop-Computer) and ${env:PATH} and `backtick',
  '#> Stop-Computer <#',
  "'@\r\n Stop-Computer\r\n@'",
  '"double"; Stop-Computer; "',
  'Ünïcödé 会议 🎥',
];

describe('values that need quoting cannot break or inject into the script', () => {
  it.each(HOSTILE_NAMES)('relying-party name %j', async (name) => {
    const profile = SITE_PROFILES[0] as SiteProfileFixture;
    const baseline = await analysePowerShell(scriptFor(profile));
    const syntax = await analysePowerShell(scriptFor(profile, { relyingPartyName: name, accessControlPolicyName: name }));
    expect(syntax.errors).toEqual([]);
    expect(syntax.commands.map((command) => command.name)).toEqual(baseline.commands.map((command) => command.name));
    expect(value(syntax, '$RelyingPartyName')).toBe(name);
    expect(value(syntax, '$AccessControlPolicyName')).toBe(name);
  });

  it('the check itself catches naive quoting (so the test above can fail)', async () => {
    const naive = `$RelyingPartyName = '${HOSTILE_NAMES[1]}'\nWrite-Host $RelyingPartyName\n`;
    const syntax = await analysePowerShell(naive);
    expect(syntax.commands.map((command) => command.name)).toContain('Remove-Item');
  });

  it('doubles ASCII and typographic single quotes', () => {
    expect(psSingleQuoted("it's")).toBe("'it''s'");
    expect(psSingleQuoted('\u2019')).toBe("'\u2019\u2019'");
    expect(psSingleQuoted('$x')).toBe("'$x'");
  });

  it('refuses a certificate that is not PEM instead of writing a broken script', () => {
    const profile = SITE_PROFILES[0] as SiteProfileFixture;
    expect(() => buildPowerShellScript({ ...profile.site, settings: profile.settings, certificatePem: 'not a certificate', claimRulesText: '', generator: GENERATOR })).toThrow(ScriptInputError);
  });
});
