import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClaimRulesText } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { buildPowerShellScript, RSA_SHA256, ScriptInputError } from '../../../../main/domains/adfs/powershell-script-builder.js';
import { psSingleQuoted } from '../../../../main/domains/adfs/powershell-quoting.js';
import { siteCertificateFacts } from '../../../../main/domains/adfs/site-certificate-facts.js';
import { buildTokenSigningScript } from '../../../../main/domains/adfs/token-signing-script-builder.js';
import { analysePowerShell, singleQuotedValue, type PowerShellSyntax } from '../../../support/powershell-syntax.js';
import { changingCommands } from './should-process-guard.js';
import { FIXTURES, GENERATOR, SITE_PROFILES, type SiteProfileFixture } from './site-profiles.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function scriptFor(profile: SiteProfileFixture, overrides: Partial<SiteProfileFixture['settings']> = {}): string {
  return buildPowerShellScript({
    ...profile.site,
    settings: { ...profile.settings, ...overrides },
    certificatePem: profile.certificatePem,
    certificateFileName: `${profile.id}.cer`,
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

/** The parameter names the existing-trust update puts into its one Set call (Compare-Setting's 4th argument). */
function setParameters(script: string): string[] {
  return [...script.matchAll(/^\s+Compare-Setting '[^']+' .*? '([A-Za-z]+)' \$/gm)].map((match) => match[1] as string);
}

// Cmdlets and parameters as documented in the ADFS module reference (learn.microsoft.com/powershell/module/adfs).
const ADD_PARAMETERS = ['-Name', '-Identifier', '-SamlEndpoint', '-RequestSigningCertificate', '-SignatureAlgorithm', '-SigningCertificateRevocationCheck', '-EncryptionCertificateRevocationCheck', '-SamlResponseSignature', '-IssuanceTransformRules', '-AccessControlPolicyName'];
const SET_PARAMETERS = new Set([
  'Identifier', 'SamlEndpoint', 'RequestSigningCertificate', 'EncryptionCertificate', 'EncryptClaims', 'SignatureAlgorithm', 'SamlResponseSignature',
  'SigningCertificateRevocationCheck', 'EncryptionCertificateRevocationCheck', 'IssuanceTransformRules', 'AccessControlPolicyName', 'MonitoringEnabled', 'AutoUpdateEnabled',
]);
/** Every command the script may call; an injected value would add another. */
const ALLOWED_COMMANDS = new Set([
  '$Read', 'Set-StrictMode', 'Write-Host', 'Get-Command', 'Stop-WithMessage', 'Get-Date', 'New-AdfsSamlEndpoint', 'Read-Adfs', 'Get-AdfsSyncProperties', 'Get-AdfsProperties',
  'Get-AdfsAccessControlPolicy', 'Join-Path', 'Get-PfxCertificate', 'Format-Thumbprints', 'Format-Endpoints', 'Format-Rules', 'Get-RulesKey', 'Compare-Setting',
  'Get-AdfsRelyingPartyTrust', 'Add-AdfsRelyingPartyTrust', 'Set-AdfsRelyingPartyTrust', 'Where-Object', 'ForEach-Object', 'Sort-Object', 'Set-Content',
]);

describe.each(SITE_PROFILES)('PowerShell script for $id', (profile) => {
  it('matches the golden file (script and claim rules)', () => {
    expectGolden(`${profile.id}.ps1`, scriptFor(profile));
    expectGolden(`${profile.id}-claim-rules.txt`, buildClaimRulesText(profile.settings.ldapAttributes));
  });

  it('parses with the PowerShell grammar, with the documented cmdlets and parameters', async () => {
    const script = scriptFor(profile);
    const syntax = await analysePowerShell(script);
    expect(syntax.errors).toEqual([]);
    const add = syntax.commands.filter((command) => command.name === 'Add-AdfsRelyingPartyTrust');
    expect(add).toHaveLength(1);
    expect(add[0]?.parameters).toEqual(expect.arrayContaining(ADD_PARAMETERS));
    // The update is ONE Set call, splatting the settings that differ.
    const set = syntax.commands.filter((command) => command.name === 'Set-AdfsRelyingPartyTrust');
    expect(set.map((command) => command.parameters)).toEqual([['-TargetName']]);
    expect(script).toContain('Set-AdfsRelyingPartyTrust -TargetName $Name @Changes');
    expect(setParameters(script).filter((parameter) => !SET_PARAMETERS.has(parameter))).toEqual([]);
    expect(syntax.commands.filter((command) => !ALLOWED_COMMANDS.has(command.name)).map((command) => command.name)).toEqual([]);
    expect(syntax.commands.find((command) => command.name === 'New-AdfsSamlEndpoint')?.parameters).toEqual(['-Binding', '-Protocol', '-Uri', '-IsDefault', '-Index']);
    expect(add[0]?.parameters.includes('-EncryptionCertificate')).toBe(profile.settings.encryptAssertions);
    // Lookups list and filter: "not found" is an empty list, so nothing hides a real failure.
    expect(script).not.toContain('SilentlyContinue');
    expect(syntax.commands.filter((command) => command.name === 'Get-AdfsRelyingPartyTrust').map((command) => command.parameters)).toEqual([[]]);
  });

  it('guards every change with ShouldProcess (a syntax-tree walk), so -WhatIf changes nothing', async () => {
    const script = scriptFor(profile);
    expect(script).toContain('[CmdletBinding(SupportsShouldProcess = $true)]');
    const changing = await changingCommands(script);
    expect(changing.map((command) => command.name).sort()).toEqual(['Add-AdfsRelyingPartyTrust', 'Set-AdfsRelyingPartyTrust', 'Set-Content']);
    expect(changing.filter((command) => !command.guarded)).toEqual([]);
  });

  it('keeps the claim rules it replaces in a file next to the script, before the Set', () => {
    const script = scriptFor(profile);
    const backup = script.indexOf('Set-Content -LiteralPath $Backup -Value $OldRules');
    expect(backup).toBeGreaterThan(-1);
    expect(backup).toBeLessThan(script.indexOf('Set-AdfsRelyingPartyTrust -TargetName $Name @Changes'));
  });

  it('compares every managed property with the existing trust, old -> new', () => {
    const parameters = setParameters(scriptFor(profile));
    for (const managed of ['Identifier', 'SamlEndpoint', 'RequestSigningCertificate', 'SignatureAlgorithm', 'SamlResponseSignature', 'SigningCertificateRevocationCheck', 'EncryptionCertificateRevocationCheck', 'IssuanceTransformRules', 'AccessControlPolicyName']) {
      expect(parameters, managed).toContain(managed);
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
    expect(value(syntax, '$CertificateFileName')).toBe(`${profile.id}.cer`);
    expect(value(syntax, '$CertificateThumbprint')).toBe(siteCertificateFacts(profile.certificatePem)?.thumbprint);
    const other = SITE_PROFILES.find((candidate) => candidate !== profile);
    expect(scriptFor(profile)).not.toContain(other?.site.host);
  });
});

describe('farm-level preconditions, all before the first change', () => {
  const profile = SITE_PROFILES[0] as SiteProfileFixture;
  const script = scriptFor(profile);
  const firstChange = script.indexOf('# --- Changes:');

  it.each([
    ['Windows PowerShell, not 7', '#Requires -PSEdition Desktop'],
    ['elevation', '#Requires -RunAsAdministrator'],
    ['the primary node of a WID farm', "if ($Sync.Role -ne 'PrimaryComputer') {"],
    ['farm behavior level 3+', 'if ($FarmBehavior -lt 3) {'],
    ['the policy exists', '$Policy = @($Policies | Where-Object { $_.Name -eq $AccessControlPolicyName })'],
    ['the policy takes no parameters', "$Metadata.PSObject.Properties['IsParameterized']"],
    ['metadata monitoring and automatic update', 'if (($Existing.AutoUpdateEnabled -or $Existing.MonitoringEnabled) -and -not $DisableMetadataMonitoring) {'],
    ['legacy issuance authorization rules', "if (($LegacyRules -ne '') -and $UpdateClaimRules) {"],
    ['the certificate next to the script is the exported one', 'if ($Certificate.Thumbprint -ne $CertificateThumbprint) {'],
    ['an expired certificate', 'if ($Certificate.NotAfter -lt $Now) {'],
    ['a not-yet-valid certificate', 'if ($Certificate.NotBefore -gt $Now) {'],
  ])('checks %s', (_what, check) => {
    const at = script.indexOf(check);
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(firstChange);
    // Each refusal says what to do next, then stops before anything changes.
    const refusal = script.slice(at, script.indexOf('\r\n}', at));
    if (!check.startsWith('#')) expect(refusal).toMatch(/Stop-WithMessage/);
  });

  it('names the primary node, lists the policies there are, and tells how long to wait for the sync', () => {
    expect(script).toContain("Copy this folder to the primary node, {0}, and run the script there.' -f $Sync.PrimaryComputerName");
    expect(script).toContain("The policies here are: '{1}'.");
    expect(script).toContain('-f $Sync.PollDuration');
  });

  it('reads AD FS with -ErrorAction Stop in try/catch and says what failed', () => {
    expect(script).toContain("$null = Get-Command -Name 'Set-AdfsRelyingPartyTrust' -ErrorAction Stop");
    expect(script).toMatch(/function Read-Adfs[\s\S]*try \{[\s\S]*\} catch \{[\s\S]*Could not read \{0\} from AD FS/);
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
  });
});

describe('the encryption certificate of an existing trust', () => {
  const profile = SITE_PROFILES[0] as SiteProfileFixture;

  it('encryption on: replaces an old encryption certificate and turns EncryptClaims on, in the one Set', () => {
    const script = scriptFor(profile, { encryptAssertions: true });
    expectGolden(`${profile.id}-encryption-on.ps1`, script);
    expect(setParameters(script)).toEqual(expect.arrayContaining(['EncryptionCertificate', 'EncryptClaims']));
    expect(script).toContain("Compare-Setting 'Encryption certificate' $OldEncryption $Certificate.Thumbprint 'EncryptionCertificate' $Certificate");
    expect(script).not.toContain('$StaleEncryption = $true');
    expect(script).not.toContain('(left as it is: encryption is off in the wizard)');
  });

  it('encryption off: leaves it, and reports a stale one with the exact command to turn encryption off', () => {
    const script = scriptFor(profile);
    expectGolden(`${profile.id}.ps1`, script); // the profile's own golden file: encryption is off there
    expect(setParameters(script)).not.toContain('EncryptionCertificate');
    expect(setParameters(script)).not.toContain('EncryptClaims');
    expect(script).toContain('($Existing.EncryptionCertificate.Thumbprint -ne $Certificate.Thumbprint)');
    expect(script).toContain('Set-AdfsRelyingPartyTrust -TargetName {0} -EncryptClaims $false');
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
    const script = scriptFor(profile, { relyingPartyName: name, accessControlPolicyName: name });
    const syntax = await analysePowerShell(script);
    expect(syntax.errors).toEqual([]);
    expect(syntax.commands.map((command) => command.name)).toEqual(baseline.commands.map((command) => command.name));
    expect(value(syntax, '$RelyingPartyName')).toBe(name);
    expect(value(syntax, '$AccessControlPolicyName')).toBe(name);
    expect((await changingCommands(script)).every((command) => command.guarded)).toBe(true);
  });

  it.each(HOSTILE_NAMES)('site host in the token-signing script %j', async (host) => {
    const syntax = await analysePowerShell(buildTokenSigningScript({ host, generator: GENERATOR }));
    expect(syntax.errors).toEqual([]);
    expect(value(syntax, '$SiteHost')).toBe(host);
  });

  it('the check itself catches naive quoting (so the test above can fail)', async () => {
    const naive = `$RelyingPartyName = '${HOSTILE_NAMES[1]}'\nWrite-Host $RelyingPartyName\n`;
    const syntax = await analysePowerShell(naive);
    expect(syntax.commands.map((command) => command.name)).toContain('Remove-Item');
  });

  it('the ShouldProcess walk catches an unguarded change (so the guard test can fail)', async () => {
    const unguarded = await changingCommands("if ($PSCmdlet.ShouldProcess('x')) { Write-Host 'ok' }\r\nSet-AdfsRelyingPartyTrust -TargetName 'x'\r\nif (-not $PSCmdlet.ShouldProcess('x')) { Remove-Item 'y' }\r\nif ($PSCmdlet.ShouldProcess('x')) { } else { Add-Content -Path 'z' -Value 1 }\r\n");
    expect(unguarded.map((command) => [command.name, command.guarded])).toEqual([
      ['Set-AdfsRelyingPartyTrust', false],
      ['Remove-Item', false],
      ['Add-Content', false],
    ]);
    const guarded = await changingCommands("if ($PSCmdlet.ShouldProcess('x')) { try { Set-AdfsRelyingPartyTrust -TargetName 'x' } catch { } }\r\n");
    expect(guarded).toEqual([{ name: 'Set-AdfsRelyingPartyTrust', line: 1, guarded: true }]);
  });

  it('doubles ASCII and typographic single quotes', () => {
    expect(psSingleQuoted("it's")).toBe("'it''s'");
    expect(psSingleQuoted('\u2019')).toBe("'\u2019\u2019'");
    expect(psSingleQuoted('$x')).toBe("'$x'");
  });

  it('refuses a certificate that is not PEM instead of writing a broken script', () => {
    const profile = SITE_PROFILES[0] as SiteProfileFixture;
    expect(() =>
      buildPowerShellScript({ ...profile.site, settings: profile.settings, certificatePem: 'not a certificate', certificateFileName: 'x.cer', claimRulesText: '', generator: GENERATOR }),
    ).toThrow(ScriptInputError);
  });
});

describe('the token-signing certificate export script', () => {
  const script = buildTokenSigningScript({ host: 'meet.example.com', generator: GENERATOR });

  it('matches the golden file and parses with no ERROR or MISSING node', async () => {
    expectGolden('meet.example.com-export-adfs-token-signing.ps1', script);
    const syntax = await analysePowerShell(script);
    expect(syntax.errors).toEqual([]);
    const get = syntax.commands.find((command) => command.name === 'Get-AdfsCertificate');
    expect(get?.parameters).toEqual(['-CertificateType']);
    expect(script).toContain("Get-AdfsCertificate -CertificateType 'Token-Signing'");
  });

  it('writes Base64 files named with role, thumbprint and validity, primary first, only inside ShouldProcess', async () => {
    expect(script).toContain("'adfs-token-signing-{0}-{1}-valid-{2:yyyyMMdd}-to-{3:yyyyMMdd}.cer' -f $Role, $Cert.Thumbprint, $Cert.NotBefore, $Cert.NotAfter");
    expect(script).toContain('-----BEGIN CERTIFICATE-----');
    expect(script.indexOf('Where-Object { $_.IsPrimary }')).toBeLessThan(script.indexOf('Where-Object { -not $_.IsPrimary }'));
    const changing = await changingCommands(script);
    expect(changing.map((command) => [command.name, command.guarded])).toEqual([['Set-Content', true]]);
    expect(script).toContain('#Requires -PSEdition Desktop');
  });
});
