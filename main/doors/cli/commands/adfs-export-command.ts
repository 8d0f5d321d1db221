import path from 'node:path';
import {
  OFFERED_SAML_RESPONSE_SIGNATURES,
  REQUIRED_ATTRIBUTE_NAMES,
  REVOCATION_CHECKS,
  type AdfsSettingsPatch,
  type RequiredAttributeName,
} from '../../../../shared/api/adfs-schemas.js';
import { callCore, report, reportError } from '../call-core.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard adfs-export [--out DIR] [--profile ID|NAME] [settings flags] [--json]

Writes everything AD FS needs for the site's relying party trust into DIR/<site host>/ and the same as
DIR/<site host>.zip: the site certificate (Base64 .cer), the SP metadata, a PowerShell script that creates
or repairs the trust (run it with -WhatIf first), a script that exports the AD FS token-signing
certificate for the site, the claim rules and a README with the matching console steps.
Needs the signed site certificate imported first (sso-wizard import).

Options:
  --out DIR          Folder to write to (default: the profile's export folder in the data folder).
  --profile ID|NAME  The site profile (default: the active one).
  --json             Print the result as JSON (the files written and the settings used).

Relying-party settings (the same as step 3 of the wizard; given ones are saved to the profile first):
  --name NAME                 Relying party trust name in AD FS (default: the site host).
  --policy NAME               Access control policy, exactly as AD FS names it (default: Permit everyone).
  --revocation-check VALUE    Revocation check of the signing and encryption certificates, one of
                              ${REVOCATION_CHECKS.slice(0, 4).join(', ')},
                              ${REVOCATION_CHECKS.slice(4).join(', ')}.
  --response-signature VALUE  What AD FS signs: ${OFFERED_SAML_RESPONSE_SIGNATURES.join(' or ')}.
  --encrypt / --no-encrypt    Encrypt assertions to the site certificate, or not.
  --ldap CLAIM=ATTRIBUTE      The LDAP attribute a claim is read from; repeat for each claim.
                              CLAIM is one of ${REQUIRED_ATTRIBUTE_NAMES.join(', ')}
                              (case-sensitive), e.g. --ldap email=userPrincipalName.

Exit codes: 0 written, 1 not ready (no certificate imported, the certificate or a setting AD FS cannot
use) or profile not found, 2 bad usage, 3 could not write.`;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
  if (found) return found;
  const why = flag === '--response-signature' && value.trim().toLowerCase() === 'messageonly' ? ' MessageOnly leaves the assertion unsigned, which the site refuses (error code 20).' : '';
  throw new UsageError(`${flag} ${JSON.stringify(value)} is not one of: ${allowed.join(', ')}.${why}`, USAGE);
}

function ldapMapping(pairs: string[]): Partial<Record<RequiredAttributeName, string>> {
  const mapping: Partial<Record<RequiredAttributeName, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const claim = at > 0 ? pair.slice(0, at).trim() : '';
    const attribute = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!claim || !attribute) throw new UsageError(`--ldap ${JSON.stringify(pair)} is not CLAIM=ATTRIBUTE (e.g. --ldap email=userPrincipalName).`, USAGE);
    // Claim names are case-sensitive for the site (uid, not UID).
    const known = REQUIRED_ATTRIBUTE_NAMES.find((name) => name === claim);
    if (!known) throw new UsageError(`--ldap: "${claim}" is not a claim the site reads; use one of ${REQUIRED_ATTRIBUTE_NAMES.join(', ')} (case-sensitive).`, USAGE);
    mapping[known] = attribute;
  }
  return mapping;
}

export const adfsExportCommand: Command = {
  name: 'adfs-export',
  summary: 'Export the AD FS relying-party bundle (certificate, metadata, scripts, claim rules, README).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(
      context.args,
      {
        out: { type: 'string' },
        profile: { type: 'string' },
        name: { type: 'string' },
        policy: { type: 'string' },
        'revocation-check': { type: 'string' },
        'response-signature': { type: 'string' },
        encrypt: { type: 'boolean' },
        'no-encrypt': { type: 'boolean' },
        ldap: { type: 'string', multiple: true },
      },
      USAGE,
    );
    if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a folder.', USAGE);
    if (values.encrypt && values['no-encrypt']) throw new UsageError('Give --encrypt or --no-encrypt, not both.', USAGE);
    const patch: AdfsSettingsPatch = {
      ...(values.name !== undefined ? { relyingPartyName: values.name } : {}),
      ...(values.policy !== undefined ? { accessControlPolicyName: values.policy } : {}),
      ...(values['revocation-check'] !== undefined ? { revocationCheck: oneOf('--revocation-check', values['revocation-check'], REVOCATION_CHECKS) } : {}),
      ...(values['response-signature'] !== undefined ? { samlResponseSignature: oneOf('--response-signature', values['response-signature'], OFFERED_SAML_RESPONSE_SIGNATURES) } : {}),
      ...(values.encrypt ? { encryptAssertions: true } : values['no-encrypt'] ? { encryptAssertions: false } : {}),
      ...(values.ldap !== undefined ? { ldapAttributes: ldapMapping(values.ldap) } : {}),
    };
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    if (Object.keys(patch).length > 0) {
      const saved = await callCore(context, 'adfs.saveSettings', { profileId: profile.value.id, settings: patch });
      if (!saved.ok) return reportError(context, saved);
    }
    const settings = await callCore(context, 'adfs.settings', { profileId: profile.value.id });
    if (!settings.ok) return reportError(context, settings);
    const result = await callCore(context, 'adfs.export', {
      profileId: profile.value.id,
      ...(values.out !== undefined ? { outDir: path.resolve(values.out) } : {}),
    });
    const withSettings = result.ok ? { ok: true as const, value: { ...result.value, settings: settings.value } } : result;
    return report(context, withSettings, (written) => {
      const used = written.settings;
      return [
        `Wrote the AD FS bundle for ${profile.value.host}:`,
        ...written.files.map((file) => `  ${file}`),
        `  ${written.zip}`,
        ...written.warnings.map((warning) => `WARNING: ${warning.message}`),
        '',
        `Relying party "${used.relyingPartyName}", policy "${used.accessControlPolicyName}", revocation checks ${used.revocationCheck}, response signature ${used.samlResponseSignature}, encryption ${used.encryptAssertions ? 'on' : 'off'}.`,
        `Next: copy the folder to the primary AD FS server, run the relying-party script there with -WhatIf to see every change, then without it (see README.txt); then check the attributes: sso-wizard attributes (step 4).`,
      ].join('\n');
    });
  },
};
