import path from 'node:path';
import { KEY_TYPES, SIGNATURE_HASHES, type CsrDetails, type Finding } from '../../../../shared/api/cert-schemas.js';
import { ok } from '../../../../shared/result.js';
import { callCore, report, reportError } from '../call-core.js';
import { checkWritable, readInputFile, readSecret, writeOutputFile } from '../cli-files.js';
import { warning } from '../cli-io.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { describeFindings } from './import-command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { hostFileName } from '../../../platform/host-file-name.js';

const USAGE = `Usage: sso-wizard csr --from-site FILE [--profile ID|NAME] [--json]
       sso-wizard csr [options]

Step 1 has two paths. The vendor's: generate the CSR on the site (Settings > Security > Certificate >
SSL Certificate > Generate CSR, then More Options > Download CSR) and record it here with --from-site; the
private key never leaves the site. The CSR is checked at once (site host in the SANs, key, signature hash,
self-signature) and becomes the profile's expected key. Exit 1 when a finding is an error.

Otherwise, make the key and CSR here: generates a key pair (Node's OpenSSL) and a certificate signing request for the site of the active profile.
The private key is stored BEFORE the CSR is written: in the OS keychain by default, or with --key-file as a
passphrase-encrypted PKCS#8 file written next to the CSR. It is never written in plaintext.

Options:
  --profile ID|NAME         Profile to use (default: the active one).
  --from-site FILE          Record the CSR downloaded from the site (PEM or DER) as the expected key.
  --key-type TYPE           ${KEY_TYPES.join(', ')} (default rsa-3072).
  --hash HASH               ${SIGNATURE_HASHES.join(', ')} (default sha256).
  --cn NAME                 Common name (default: the site host).
  --o ORG  --ou UNIT  --l CITY  --st STATE  --c CC  --email ADDRESS
                            Optional subject fields; --c is a two-letter country code.
  --san NAME                An extra DNS name (repeat for more); the site host is always included.
  --key-file                Save the key as an encrypted PKCS#8 file instead of the keychain.
  --passphrase-file FILE    Passphrase for the key file (first line of FILE); also the fallback when the
  --passphrase-env VAR      keychain is missing or locked. Or from the environment variable VAR.
  --out FILE                Where to write the CSR (default ./<host>.csr).
  --force                   Replace existing files.
  --json                    Print the result as JSON.

Next: send the CSR to your CA, then run "sso-wizard import <certificate file>".`;

const OPTIONS = {
  profile: { type: 'string' },
  'from-site': { type: 'string' },
  'key-type': { type: 'string' },
  hash: { type: 'string' },
  cn: { type: 'string' },
  o: { type: 'string' },
  ou: { type: 'string' },
  l: { type: 'string' },
  st: { type: 'string' },
  c: { type: 'string' },
  email: { type: 'string' },
  san: { type: 'string', multiple: true },
  'key-file': { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  'passphrase-env': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export function describeCsr(details: CsrDetails & { findings?: Finding[] }): string {
  return [
    `  Subject:    ${details.subject}`,
    `  SANs:       ${details.sans.join(', ') || '(none)'}`,
    `  Key:        ${details.key.text}`,
    `  Signature:  ${details.signatureAlgorithm}${details.signatureValid ? '' : ' (INVALID self-signature)'}`,
    `  Public key SHA-256: ${details.publicKeyHash}`,
    ...(details.findings ? ['', describeFindings(details.findings.filter((f) => f.severity !== 'ok'))] : []),
  ]
    .join('\n')
    .trimEnd();
}

const hasError = (findings: Finding[]) => findings.some((f) => f.severity === 'error');

async function recordSiteCsr(context: CommandContext, file: string, profileOption: string | undefined): Promise<number> {
  const profile = await resolveProfile(context, profileOption);
  if (!profile.ok) return reportError(context, profile);
  const input = await readInputFile(file);
  if (!input.ok) return reportError(context, input);
  const result = await callCore(context, 'csr.record', { profileId: profile.value.id, file: input.value });
  const code = report(context, result, (value) =>
    [
      `Recorded ${input.value.name} as the expected key of "${profile.value.name}" (CSR made on the site; its private key stays there):`,
      describeCsr(value.details),
      '',
      hasError(value.details.findings)
        ? 'Fix the errors above before sending this CSR to the CA: generate it again on the site, then record the new one.'
        : 'Next: send this CSR to your CA, then check what it returns: sso-wizard import <certificate file>',
    ].join('\n'),
  );
  return code === EXIT.ok && result.ok && hasError(result.value.details.findings) ? EXIT.failed : code;
}

export const csrCommand: Command = {
  name: 'csr',
  summary: 'Step 1: record the CSR made on the site (--from-site FILE), or make the key and CSR here.',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, OPTIONS, USAGE);
    if (values['from-site'] !== undefined) {
      const others = Object.keys(values).filter((name) => name !== 'from-site' && name !== 'profile');
      if (others.length > 0) throw new UsageError(`--from-site records a CSR made on the site; --${others[0]} is for making one here.`, USAGE);
      return recordSiteCsr(context, values['from-site'], values.profile);
    }
    const keyType = values['key-type'] ?? 'rsa-3072';
    if (!(KEY_TYPES as readonly string[]).includes(keyType)) throw new UsageError(`--key-type must be one of ${KEY_TYPES.join(', ')}.`, USAGE);
    const hash = values.hash ?? 'sha256';
    if (!(SIGNATURE_HASHES as readonly string[]).includes(hash)) throw new UsageError(`--hash must be one of ${SIGNATURE_HASHES.join(', ')}.`, USAGE);

    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const passphrase = await readSecret(context.io, values['passphrase-file'], values['passphrase-env'], 'passphrase');
    if (!passphrase.ok) return reportError(context, passphrase);
    if (values['key-file'] && passphrase.value === undefined) throw new UsageError('--key-file needs --passphrase-file or --passphrase-env.', USAGE);
    const csrFile = values.out ?? hostFileName(profile.value.host, '.csr');
    const keyFile = path.join(path.dirname(csrFile), hostFileName(profile.value.host, '.key.p8.pem'));
    const force = values.force === true;
    // With a passphrase the key may land in a file (chosen, or as the keychain fallback): check both before any work.
    for (const file of passphrase.value !== undefined ? [csrFile, keyFile] : [csrFile]) {
      const writable = await checkWritable(file, force);
      if (!writable.ok) return reportError(context, writable);
    }

    if (!context.json) context.io.err(`Generating a ${keyType} key with the platform crypto…`);
    const result = await callCore(context, 'csr.generate', {
      profileId: profile.value.id,
      keyType: keyType as (typeof KEY_TYPES)[number],
      hash: hash as (typeof SIGNATURE_HASHES)[number],
      subject: { commonName: values.cn, organization: values.o, organizationalUnit: values.ou, locality: values.l, state: values.st, country: values.c, email: values.email },
      extraSans: values.san ?? [],
      custody: values['key-file'] ? 'file' : 'keychain',
      ...(passphrase.value !== undefined ? { passphrase: passphrase.value } : {}),
    });
    if (!result.ok) return reportError(context, result);
    const written: string[] = [];
    if (result.value.encryptedKey) {
      const key = await writeOutputFile(keyFile, result.value.encryptedKey.pem, force, 0o600);
      if (!key.ok) return reportError(context, key);
      written.push(key.value);
    }
    const csr = await writeOutputFile(csrFile, result.value.csrPem, force);
    if (!csr.ok) return reportError(context, csr);
    written.push(csr.value);
    return report(context, ok({ ...result.value, written }), (value) =>
      [
        ...(value.keychainProblem ? [warning(value.keychainProblem)] : []),
        value.keyReference.kind === 'keychain'
          ? `The private key is stored in the OS keychain ("${value.keyReference.service}", account ${value.keyReference.account}).`
          : `The private key is saved encrypted (PKCS#8, AES-256) in ${written[0]} and in the profile folder. Keep the passphrase.`,
        `Wrote the CSR to ${csr.value}:`,
        describeCsr(value.details),
        '',
        'Next: send the CSR to your CA, then import what it returns: sso-wizard import <certificate file>',
      ].join('\n'),
    );
  },
};
