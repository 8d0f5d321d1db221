import { callCore, report, reportError } from '../call-core.js';
import { readInputFile } from '../cli-files.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { describeCsr } from './csr-command.js';

const USAGE = `Usage: sso-wizard inspect <csr file> [--profile ID|NAME] [--json]

Decodes a CSR (made by this wizard or on the site itself): subject, SANs, key, signature algorithm, and
whether the wizard keeps the private key that belongs to it. Checks it as step 2 will check the certificate
issued from it (the profile's site host in the SANs, key type and size, signature hash, self-signature).
Exit 1 when a finding is an error: fix the CSR before the CA signs it.`;

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Decode a CSR: subject, SANs, key, signature; is its key stored here?',
  usage: USAGE,
  async run(context) {
    const parsed = parseCommandArgs(context.args, { profile: { type: 'string' } }, USAGE, true);
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length > 0) throw new UsageError('Name one CSR file.', USAGE);
    const input = await readInputFile(file);
    if (!input.ok) return reportError(context, input);
    const profile = await resolveProfile(context, parsed.values.profile);
    const result = await callCore(context, 'csr.inspect', { file: input.value, ...(profile.ok ? { profileId: profile.value.id } : {}) });
    const code = report(context, result, (details) =>
      [
        `${input.value.name}:`,
        describeCsr(details),
        details.storedKey
          ? `  Private key: kept by the wizard for profile "${profile.ok ? profile.value.name : ''}".`
          : '  Private key: not kept by the wizard (the CSR was made elsewhere, or for another profile).',
      ].join('\n'),
    );
    return code === EXIT.ok && result.ok && result.value.findings.some((f) => f.severity === 'error') ? EXIT.failed : code;
  },
};
