/** Files that cross the contract as base64: decoded and bounded once, with messages that name the file. */
import { MAX_INPUT_BYTES, type FileInput } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';

export function decodeFileInput(file: FileInput, field = 'file'): Result<Uint8Array> {
  const base64 = file.base64.replace(/\s+/g, '');
  const approximate = Math.floor((base64.length * 3) / 4);
  if (approximate > MAX_INPUT_BYTES) return tooLarge(file.name, approximate, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    return appError('invalid-input', {
      message: `"${file.name}" did not arrive intact (its content is not valid base64).`,
      hint: 'Choose the file again; if you pasted text, paste the whole certificate including the BEGIN and END lines.',
      field,
    });
  }
  return ok(new Uint8Array(Buffer.from(base64, 'base64')));
}

export function tooLarge(name: string, bytes: number, field = 'file'): Result<never> {
  return appError('invalid-input', {
    message: `"${name}" is ${(bytes / 1024 / 1024).toFixed(1)} MB; certificate files are a few kB, and the wizard reads at most ${MAX_INPUT_BYTES / 1024 / 1024} MB.`,
    hint: 'Check that the right file was chosen (a certificate, chain, PKCS#7 or PFX file, not an archive or a log).',
    field,
  });
}
