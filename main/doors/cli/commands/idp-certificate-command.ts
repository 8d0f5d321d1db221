import { promises as fs } from 'node:fs';
import path from 'node:path';
import { appError } from '../../../../shared/app-errors.js';
import { callCore, report, reportError } from '../call-core.js';
import { fileProblem } from '../file-problem.js';
import type { Command } from '../command.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { resolveProfile } from '../profile-resolver.js';
import { UsageError } from '../usage-error.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

const USAGE = `Usage: sso-wizard idp-certificate [--save FINGERPRINT | --save-current] [--out DIR] [--profile ID|NAME] [--json]

"IdP certificate for the site": the IdP's token-signing certificates from the metadata the profile holds, with
SHA-256 fingerprint, validity and which one the IdP signs with now (seen in the last test sign-in). With --save,
writes the chosen one as the Base64 .cer the site's SSO settings take, and records it as the site's. This is
the fix for errors 4, 8, 15, 23 and 24.

Options:
  --save FINGERPRINT  Save the certificate with this SHA-256 fingerprint (as listed).
  --save-current      Save the one the IdP signs with now (or its only one).
  --out DIR           Folder for the .cer (default: the current folder). An existing file is never replaced.
  --profile ID|NAME   The site profile (default: the active one).
  --json              Print the result as JSON.

Exit codes: 0 listed or saved, 1 nothing to save (no certificate, or which one signs now is not known), 2 bad usage.`;

export const idpCertificateCommand: Command = {
  name: 'idp-certificate',
  summary: 'Show the IdP\'s signing certificates and save the one for the site\'s SSO settings (.cer).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { save: { type: 'string' }, 'save-current': { type: 'boolean' }, out: { type: 'string' }, profile: { type: 'string' } }, USAGE);
    if (values.save !== undefined && values['save-current']) throw new UsageError('Use either --save FINGERPRINT or --save-current.', USAGE);
    if (values.out !== undefined && values.save === undefined && !values['save-current']) throw new UsageError('--out only goes with --save or --save-current.', USAGE);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const view = await callCore(context, 'idp.siteCertificates', { profileId: profile.value.id });
    if (!view.ok) return reportError(context, view);

    if (values.save === undefined && !values['save-current']) {
      return report(context, view, (v) =>
        [
          `IdP entity ID for the site: ${v.entityId ?? '(none: enter it by hand in the IdP settings)'}`,
          v.signsNowSource,
          ...v.certificates.flatMap((c, index) => [
            `${index + 1}. ${c.subject}${c.savedForSite ? '  [saved for the site]' : ''}`,
            `   SHA-256:   ${c.sha256Fingerprint}`,
            `   Valid:     ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)}${c.state !== 'valid' ? ` (${c.state})` : ''}`,
            `   Signs now: ${c.signsNow === null ? 'not known yet' : c.signsNow ? 'yes' : 'no'}`,
          ]),
          v.certificates.length > 0 ? 'Next: sso-wizard idp-certificate --save-current (or --save FINGERPRINT), then put the .cer into the site\'s SSO settings.' : 'The metadata has no signing certificate: import FederationMetadata.xml again.',
        ].join('\n'),
      );
    }

    let fingerprint = values.save?.trim().toUpperCase();
    if (values['save-current']) {
      const current = view.value.certificates.find((c) => c.signsNow === true) ?? (view.value.certificates.length === 1 ? view.value.certificates[0] : undefined);
      if (!current) {
        return reportError(context, appError('not-found', { message: 'Which certificate the IdP signs with now is not known: it publishes several.', hint: 'Run sso-wizard signin once, or choose one with --save FINGERPRINT.', field: 'save-current' }));
      }
      fingerprint = current.sha256Fingerprint;
    }
    const saved = await callCore(context, 'idp.saveSiteCertificate', { profileId: profile.value.id, sha256Fingerprint: fingerprint ?? '' });
    if (!saved.ok) return reportError(context, saved);
    const file = path.resolve(values.out ?? '.', saved.value.fileName);
    try {
      await fs.writeFile(file, saved.value.content, { flag: 'wx', mode: 0o644 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return reportError(context, appError('invalid-input', { message: code === 'EEXIST' ? `${file} already exists; it was not replaced.` : `Cannot write ${file}: ${fileProblem(error, true)}.`, hint: 'Choose another folder with --out.', field: 'out' }));
    }
    return report(context, saved, (s) => `Wrote ${file}\n  ${s.record.subject}, SHA-256 ${s.record.sha256Fingerprint}\nRecorded as the site's IdP certificate (${formatDateTime(s.record.savedAt)}).\nNext: put it into the site's SSO settings (IdP certificate) with the entity ID ${view.value.entityId ?? ''}, save, then run sso-wizard signin.`);
  },
};
