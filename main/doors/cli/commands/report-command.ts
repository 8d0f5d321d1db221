import { ok } from '../../../../shared/result.js';
import { printWithLocalBrowser } from '../../../app/report/pdf-printer.js';
import { callCore, report, reportError } from '../call-core.js';
import { writeOutputFile } from '../cli-files.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';

const USAGE = `Usage: sso-wizard report [--profile P] [--mask] [--out FILE] [--pdf] [--force] [--json]

Writes the diagnostic report of a profile: one self-contained HTML file (certificates and their findings,
IdP metadata, claim rules, test sign-ins) to send to the site vendor's support. It never contains private
keys or passwords.

Options:
  --profile P   The profile (ID or name); default: the active one.
  --mask        Mask user names and email addresses found in assertions.
  --out FILE    Where to write it (default: <host>-sso-report-<time>.html, or .pdf with --pdf).
  --pdf         Print it to PDF with the Chromium, Chrome or Edge found on this machine.
  --force       Replace FILE if it exists.`;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the diagnostic report of a profile (HTML, or PDF) for the vendor\'s support.',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { profile: { type: 'string' }, mask: { type: 'boolean' }, out: { type: 'string' }, pdf: { type: 'boolean' }, force: { type: 'boolean' } }, USAGE);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const built = await callCore(context, 'report.generate', { id: profile.value.id, maskPersonalData: values.mask ?? false });
    if (!built.ok) return reportError(context, built);
    let data: string | Uint8Array = built.value.html;
    let file = values.out ?? built.value.fileName;
    if (values.pdf) {
      const pdf = await printWithLocalBrowser(built.value.html, context.io.env);
      if (!pdf.ok) return reportError(context, pdf);
      data = pdf.value;
      if (!values.out) file = file.replace(/\.html$/, '.pdf');
    }
    const written = await writeOutputFile(file, data, values.force ?? false);
    if (!written.ok) return reportError(context, written);
    return report(context, ok({ file: written.value, masked: built.value.masked }), (value) =>
      `Wrote the diagnostic report of "${profile.value.name}" to ${value.file}${value.masked ? ' (personal data masked)' : ''}.\nNext: send it to the site vendor's support with the time the problem happened.`,
    );
  },
};
