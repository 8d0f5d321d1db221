import path from 'node:path';
import { KEY_TYPES, SIGNATURE_HASHES, type CsrDetails } from '../../../../shared/api/cert-schemas.js';
import { ok } from '../../../../shared/result.js';
import { callCore, report, reportError } from '../call-core.js';
import { checkWritable, readSecret, writeOutputFile } from '../cli-files.js';
import { warning } from '../cli-io.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { hostFileName } from '../../../platform/host-file-name.js';

const USAGE = `Usage: sso-wizard csr [options]

Generates a key pair (Node's OpenSSL) and a certificate signing request for the site of the active profile.
The private key is stored BEFORE the CSR is written: in the OS keychain by default, or with --key-file as a
passphrase-encrypted PKCS#8 file written next to the CSR. It is never written in plaintext.

Options:
  --profile ID|NAME         Profile to use (default: the active one).
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

export function describeCsr(details: CsrDetails): string {
  return [
    `  Subject:    ${details.subject}`,
    `  SANs:       ${details.sans.join(', ') || '(none)'}`,
    `  Key:        ${details.key.text}`,
    `  Signature:  ${details.signatureAlgorithm}${details.signatureValid ? '' : ' (INVALID self-signature)'}`,
    `  Public key SHA-256: ${details.publicKeyHash}`,
  ].join('\n');
}

export const csrCommand: Command = {
  name: 'csr',
  summary: 'Generate a key (kept in the OS keychain) and a CSR for the site (step 1).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, OPTIONS, USAGE);
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
