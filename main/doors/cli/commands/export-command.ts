import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/api/cert-schemas.js';
import { ok } from '../../../../shared/result.js';
import { callCore, report, reportError } from '../call-core.js';
import { checkWritable, readSecret, writeOutputFile } from '../cli-files.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard export <format> [options]

Writes the imported certificate in the form the site or AD FS needs:
  chain-leaf-first   PEM chain, site certificate first (older site versions)  → <host>-chain-leaf-first.pem
  chain-leaf-last    PEM chain, site certificate last (newer site versions)   → <host>-chain-leaf-last.pem
  pfx                PKCS#12 with the private key and full chain, AES-256     → <host>.pfx
  adfs-cer           the site certificate as Base64 .cer for AD FS            → <host>-adfs.cer

Options:
  --profile ID|NAME             Profile to use (default: the active one).
  --out FILE                    Where to write (default: the name above, in the current folder).
  --force                       Replace an existing file.
  --passphrase-file FILE        pfx: passphrase protecting the PFX (first line of FILE), or
  --passphrase-env VAR          from the environment variable VAR.
  --key-passphrase-file FILE    Passphrase of a key kept as an encrypted file (or --key-passphrase-env VAR).
  --json                        Print the result as JSON.`;

const OPTIONS = {
  profile: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  'passphrase-env': { type: 'string' },
  'key-passphrase-file': { type: 'string' },
  'key-passphrase-env': { type: 'string' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the certificate for the site (PEM chain, PFX) or for AD FS (Base64 .cer).',
  usage: USAGE,
  async run(context) {
    const parsed = parseCommandArgs(context.args, OPTIONS, USAGE, true);
    const { values, positionals } = parsed;
    const format = positionals[0];
    if (!format || positionals.length > 1 || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`Name one format: ${EXPORT_FORMATS.join(', ')}.`, USAGE);
    }
    const passphrase = await readSecret(context.io, values['passphrase-file'], values['passphrase-env'], 'passphrase');
    if (!passphrase.ok) return reportError(context, passphrase);
    if (format === 'pfx' && passphrase.value === undefined) throw new UsageError('pfx needs --passphrase-file or --passphrase-env.', USAGE);
    const keyPassphrase = await readSecret(context.io, values['key-passphrase-file'], values['key-passphrase-env'], 'keyPassphrase');
    if (!keyPassphrase.ok) return reportError(context, keyPassphrase);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const force = values.force === true;
    if (values.out) {
      const writable = await checkWritable(values.out, force);
      if (!writable.ok) return reportError(context, writable);
    }
    const result = await callCore(context, 'cert.export', {
      profileId: profile.value.id,
      format: format as ExportFormat,
      ...(passphrase.value !== undefined ? { passphrase: passphrase.value } : {}),
      ...(keyPassphrase.value !== undefined ? { keyPassphrase: keyPassphrase.value } : {}),
    });
    if (!result.ok) return reportError(context, result);
    const target = values.out ?? result.value.fileName;
    const written = await writeOutputFile(target, Buffer.from(result.value.base64, 'base64'), force, format === 'pfx' ? 0o600 : 0o644);
    if (!written.ok) return reportError(context, written);
    const { base64: _omitted, ...rest } = result.value;
    return report(context, ok({ ...rest, written: written.value }), (value) => `Wrote ${value.written}\n  ${value.description}`);
  },
};
