import { promises as fs } from 'node:fs';
import { appError } from '../../../../shared/app-errors.js';
import { ok, type Result } from '../../../../shared/result.js';
import { callCore, report, reportError } from '../call-core.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard attributes [--rules FILE | --metadata-only] [--idp-metadata FILE] [--profile ID|NAME] [--json]
       sso-wizard attributes --response FILE [--profile ID|NAME] [--json]

Step 4, attribute checks. Without --response: which of the site's required attributes (firstname, lastname,
email, uid, SAML_SUBJECT and the NameID) AD FS will send, from the wizard's claim rules or the rules in FILE
(the output of Get-AdfsRelyingPartyTrust -Name "<trust>" | Select-Object -ExpandProperty IssuanceTransformRules).
With --response: the actual values in a SAML response (Base64 or XML). Every problem names the site error
code it causes and the claim rule that fixes it.

Options:
  --rules FILE          Claim rules exported from AD FS (default: the rules the wizard generates).
  --metadata-only       Another SAML IdP: check only what its metadata offers.
  --idp-metadata FILE   IdP metadata XML (default: the IdP metadata saved for the profile).
  --response FILE       A SAML response to check.
  --profile ID|NAME     The site profile (default: the active one).
  --json                Print the result as JSON.

Exit codes: 0 everything the site needs is there, 1 something is missing or wrong, 2 bad usage, 3 environment.`;

const MAX_FILE = 4 * 1024 * 1024;

async function readText(file: string, field: string): Promise<Result<string>> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return appError('invalid-input', { message: `${file} is not a file.`, hint: 'Name a text file.', field });
    if (stat.size > MAX_FILE) return appError('invalid-input', { message: `${file} is larger than 4 MB.`, hint: 'Check that the right file was chosen.', field });
    return ok(await fs.readFile(file, 'utf8'));
  } catch {
    return appError('invalid-input', { message: `${file} does not exist or cannot be read.`, hint: 'Check the path and try again.', field });
  }
}

/** A check that ran but found problems exits 1, like every command whose answer is "no". */
function failed(code: number, passes: boolean): number {
  return code === EXIT.ok && !passes ? EXIT.failed : code;
}

export const attributesCommand: Command = {
  name: 'attributes',
  summary: 'Check that the IdP sends the attributes the site needs (claim rules, or a SAML response).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { rules: { type: 'string' }, 'metadata-only': { type: 'boolean' }, 'idp-metadata': { type: 'string' }, response: { type: 'string' }, profile: { type: 'string' } }, USAGE);
    if (values.rules !== undefined && values['metadata-only']) throw new UsageError('Use either --rules or --metadata-only.', USAGE);
    if (values.response !== undefined && (values.rules !== undefined || values['metadata-only'] || values['idp-metadata'] !== undefined)) {
      throw new UsageError('--response checks a response on its own; leave out --rules, --metadata-only and --idp-metadata.', USAGE);
    }
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);

    if (values.response !== undefined) {
      const text = await readText(values.response, 'response');
      if (!text.ok) return reportError(context, text);
      const result = await callCore(context, 'attributes.checkResponse', { profileId: profile.value.id, samlResponse: text.value });
      const code = report(context, result, (check) =>
        [
          check.passes ? 'OK: the NameID and the attributes are what the site needs.' : 'The site would refuse this sign-in or fail to create or update the account:',
          `  NameID: ${check.nameId ?? '(none)'} (${check.nameIdFormat ?? 'no format'})`,
          ...Object.entries(check.attributes).map(([name, list]) => `  ${name}: ${list.join(', ')}`),
          ...check.findings.flatMap((f) => [
            `${f.severity === 'error' ? 'ERROR' : 'WARNING'}${f.ssoCode !== null ? ` (site error ${f.ssoCode})` : ''}: ${f.field}: ${f.explanation}`,
            ...(f.fixRule ? ['  Claim rule that fixes it:', ...f.fixRule.split('\n').map((line) => `    ${line}`)] : []),
          ]),
          ...check.notes.map((note) => `Note: ${note}`),
        ].join('\n'),
      );
      return result.ok ? failed(code, result.value.passes) : code;
    }

    const rules = values.rules !== undefined ? await readText(values.rules, 'rules') : ok(undefined);
    if (!rules.ok) return reportError(context, rules);
    const metadata = values['idp-metadata'] !== undefined ? await readText(values['idp-metadata'], 'idp-metadata') : ok(undefined);
    if (!metadata.ok) return reportError(context, metadata);
    const result = await callCore(context, 'attributes.analyzeRules', {
      profileId: profile.value.id,
      source: values['metadata-only'] ? 'metadata' : rules.value !== undefined ? 'pasted' : 'generated',
      ...(rules.value !== undefined ? { rulesText: rules.value } : {}),
      ...(metadata.value !== undefined ? { idpMetadataXml: metadata.value } : {}),
    });
    const code = report(context, result, (analysis) =>
      [
        analysis.allPresent ? 'OK: every required attribute will be sent with the right name and format.' : 'Not every required attribute will be sent as the site needs it:',
        ...analysis.findings.map((f) => `  ${f.attribute.padEnd(13)} ${f.status.padEnd(12)} ${f.sentAs ?? '-'}${f.source ? `  (from ${f.source})` : ''}`),
        ...analysis.findings
          .filter((f) => f.problem)
          .flatMap((f) => [
            `${f.status === 'conditional' || f.status === 'unknown' ? 'WARNING' : 'ERROR'}${f.siteErrorCodes.length > 0 ? ` (site error ${f.siteErrorCodes.join('/')})` : ''}: ${f.attribute}: ${f.problem}`,
            ...(f.fixRule ? ['  Claim rule that fixes it:', ...f.fixRule.split('\n').map((line) => `    ${line}`)] : []),
          ]),
        ...(analysis.extraClaims.length > 0 ? [`Also sent: ${analysis.extraClaims.join(', ')}`] : []),
        ...analysis.notes.map((note) => `Note: ${note}`),
      ].join('\n'),
    );
    return result.ok ? failed(code, result.value.allPresent) : code;
  },
};
