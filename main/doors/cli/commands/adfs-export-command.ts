import path from 'node:path';
import { callCore, report, reportError } from '../call-core.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard adfs-export [--out DIR] [--profile ID|NAME] [--json]

Writes everything AD FS needs for the site's relying party trust into DIR/<site host>/ and the same as
DIR/<site host>.zip: the site certificate (Base64 .cer), the SP metadata, a PowerShell script that creates
or updates the trust (safe to run twice), the claim rules and a README with the matching console steps.
Needs the signed site certificate imported first (sso-wizard cert import).

Options:
  --out DIR          Folder to write to (default: the profile's export folder in the data folder).
  --profile ID|NAME  The site profile (default: the active one).
  --json             Print the result as JSON.

Exit codes: 0 written, 1 no certificate imported yet or profile not found, 2 bad usage, 3 could not write.`;

export const adfsExportCommand: Command = {
  name: 'adfs-export',
  summary: 'Export the AD FS relying-party bundle (certificate, metadata, script, claim rules, README).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { out: { type: 'string' }, profile: { type: 'string' } }, USAGE);
    if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a folder.', USAGE);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const result = await callCore(context, 'adfs.export', {
      profileId: profile.value.id,
      ...(values.out !== undefined ? { outDir: path.resolve(values.out) } : {}),
    });
    return report(context, result, (written) =>
      [
        `Wrote the AD FS bundle for ${profile.value.host}:`,
        ...written.files.map((file) => `  ${file}`),
        `  ${written.zip}`,
        '',
        `Next: copy the folder (or the .zip) to the primary AD FS server and run the .ps1 script in Windows PowerShell opened with "Run as administrator" (see README.txt), then check the attributes (step 4).`,
      ].join('\n'),
    );
  },
};
