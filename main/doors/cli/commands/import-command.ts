import type { Finding, ImportReport, InputFormat } from '../../../../shared/api/cert-schemas.js';
import { callCore, report, reportError } from '../call-core.js';
import { readInputFile, readSecret } from '../cli-files.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard import <file>... [options]

Reads the signed certificate whatever its form (PEM, DER .cer/.crt, PKCS#7 .p7b/.p7c, PKCS#12 .pfx/.p12),
detected by content. Checks it against the profile's expected key (the newest CSR from step 1, made on the
site or here), the chain, the dates, the site host, key usage and
strength, and saves it for the profile. Give intermediates as more files, or inside the same file.

Options:
  --profile ID|NAME             Profile to use (default: the active one).
  --root FILE                   A root you trust besides the system store (e.g. a private CA); repeatable.
  --password-file FILE          PFX password (first line of FILE), or
  --password-env VAR            from the environment variable VAR.
  --key-passphrase-file FILE    Passphrase of a key kept as an encrypted file (or --key-passphrase-env VAR).
  --replace                     Replace the current certificate even though the new one is worse (has errors or
                                matches no key); without it a good certificate is kept.
  --json                        Print the report as JSON.

Exit code 1 when a finding is an error (the certificate would not work for the site).`;

const OPTIONS = {
  profile: { type: 'string' },
  root: { type: 'string', multiple: true },
  'password-file': { type: 'string' },
  'password-env': { type: 'string' },
  'key-passphrase-file': { type: 'string' },
  'key-passphrase-env': { type: 'string' },
  replace: { type: 'boolean' },
} as const;

const MARK: Record<Finding['severity'], string> = { ok: 'OK     ', info: 'INFO   ', warning: 'WARNING', error: 'ERROR  ' };

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${MARK[f.severity]} ${f.what}${f.severity === 'ok' || f.fix === 'Nothing to do.' ? '' : `\n        → ${f.fix}`}`).join('\n');
}

/** How a format is called where certificates are handed around. */
const FORMAT_NAMES: Readonly<Record<InputFormat, string>> = { pem: 'PEM', der: 'DER', pkcs7: 'PKCS#7', pkcs12: 'PFX/PKCS#12' };

function nextStep(value: ImportReport): string {
  if (!value.saved) return 'Not saved: the current certificate stays (see above).';
  if (value.findings.some((f) => f.severity === 'error')) return 'Saved, but fix the errors above before installing it on the site.';
  if (value.keyHolder === 'site') {
    return 'Saved. Next: sso-wizard export chain-leaf-first (or chain-leaf-last) and import it on the site with Import SSL Certificate; export adfs-cer for AD FS. Then tick it: sso-wizard site-steps done import-ssl';
  }
  return 'Saved. Next: sso-wizard export chain-leaf-first (or chain-leaf-last, pfx) for the site, and export adfs-cer for AD FS.';
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import the signed certificate (PEM, DER, PKCS#7, PFX) and check it (step 2).',
  usage: USAGE,
  async run(context) {
    const parsed = parseCommandArgs(context.args, OPTIONS, USAGE, true);
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('Name the certificate file.', USAGE);
    const files: { name: string; base64: string }[] = [];
    for (const file of positionals) {
      const input = await readInputFile(file);
      if (!input.ok) return reportError(context, input);
      files.push(input.value);
    }
    const roots = [];
    for (const file of values.root ?? []) {
      const input = await readInputFile(file, 'root');
      if (!input.ok) return reportError(context, input);
      roots.push(input.value);
    }
    const password = await readSecret(context.io, values['password-file'], values['password-env'], 'password');
    if (!password.ok) return reportError(context, password);
    const keyPassphrase = await readSecret(context.io, values['key-passphrase-file'], values['key-passphrase-env'], 'keyPassphrase');
    if (!keyPassphrase.ok) return reportError(context, keyPassphrase);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const result = await callCore(context, 'cert.import', {
      profileId: profile.value.id,
      files,
      extraRoots: roots,
      ...(password.value !== undefined ? { password: password.value } : {}),
      ...(keyPassphrase.value !== undefined ? { keyPassphrase: keyPassphrase.value } : {}),
      replace: values.replace === true,
    });
    const code = report(context, result, (value) =>
      [
        `Read ${files.map((f, index) => `${f.name} (${FORMAT_NAMES[value.fileFormats[index] ?? value.format]})`).join(', ')}: ${value.leaf.subject}, valid until ${value.leaf.notAfter.slice(0, 10)}.`,
        describeFindings(value.findings),
        '',
        nextStep(value),
      ].join('\n'),
    );
    if (code === EXIT.ok && result.ok && result.value.findings.some((f) => f.severity === 'error')) return EXIT.failed;
    return code;
  },
};
