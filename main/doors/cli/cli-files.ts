/**
 * Files the CLI reads and writes for the certificate commands: inputs are bounded and named in every
 * message; outputs never replace an existing file unless --force says so (mkcert prints what it wrote).
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_INPUT_BYTES } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { CliIo } from './cli-io.js';
import { fileProblem } from './file-problem.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';

export async function readInputFile(file: string, field = 'file'): Promise<Result<{ name: string; base64: string }>> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return appError('invalid-input', { message: `${file} does not exist.`, hint: 'Check the path and try again.', field });
  }
  if (!stat.isFile()) return appError('invalid-input', { message: `${file} is not a file.`, hint: 'Name a certificate, CSR or PFX file.', field });
  if (stat.size > MAX_INPUT_BYTES) {
    return appError('invalid-input', {
      message: `"${path.basename(file)}" is ${(stat.size / 1024 / 1024).toFixed(1)} MB; certificate files are a few kB, and the wizard reads at most ${MAX_INPUT_BYTES / 1024 / 1024} MB.`,
      hint: 'Check that the right file was chosen (a certificate, chain, PKCS#7 or PFX file).',
      field,
    });
  }
  const bytes = await fs.readFile(file);
  return ok({ name: path.basename(file), base64: bytes.toString('base64') });
}

/** Refuses to replace a file unless forced; the check runs before any work, so nothing is generated in vain. */
export async function checkWritable(file: string, force: boolean): Promise<Result<void>> {
  if (force) return ok(undefined);
  try {
    await fs.access(file, constants.F_OK);
  } catch {
    return ok(undefined);
  }
  return appError('conflict', { message: `${file} already exists.`, hint: 'Choose another name with --out, or pass --force to replace it.', field: 'out' });
}

/**
 * Writes an output file. Without --force an existing file (or a symlink) is never touched (O_EXCL). With
 * --force the data goes into a new file with exactly `mode`, renamed over the target, so a replaced file never
 * keeps a wider mode than asked for; a symlink at the target is refused rather than followed (it could point
 * anywhere, for instance at a file another user reads).
 */
export async function writeOutputFile(file: string, data: string | Uint8Array, force: boolean, mode = 0o644): Promise<Result<string>> {
  const failed = (error: unknown) =>
    appError('storage-failed', { message: `${file} could not be written: ${fileProblem(error, true)}.`, hint: 'Check that the folder exists and is writable.', field: 'out' });
  if (force) {
    let existing;
    try {
      existing = await fs.lstat(file);
    } catch {
      existing = null;
    }
    if (existing?.isSymbolicLink()) {
      return appError('conflict', { message: `${file} is a symbolic link; the wizard does not write through links, not even with --force.`, hint: 'Name the real file with --out, or remove the link first.', field: 'out' });
    }
    if (existing && !existing.isFile()) return appError('conflict', { message: `${file} exists and is not a file.`, hint: 'Choose another name with --out.', field: 'out' });
    try {
      await writeFileAtomic(file, data, mode);
      // The new file's mode was filtered by the umask; the exact mode is what was asked for.
      await fs.chmod(file, mode);
    } catch (error) {
      return failed(error);
    }
    return ok(path.resolve(file));
  }
  try {
    await fs.writeFile(file, data, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return appError('conflict', { message: `${file} already exists.`, hint: 'Choose another name with --out, or pass --force to replace it.', field: 'out' });
    return failed(error);
  }
  return ok(path.resolve(file));
}

/** A secret from a file (first line) or an environment variable, never from the command line itself (ps shows argv). */
export async function readSecret(io: CliIo, fromFile: string | undefined, fromEnv: string | undefined, field: string): Promise<Result<string | undefined>> {
  if (fromFile !== undefined) {
    try {
      return ok((await fs.readFile(fromFile, 'utf8')).split(/\r?\n/)[0] ?? '');
    } catch {
      return appError('invalid-input', { message: `The ${field} file ${fromFile} cannot be read.`, hint: 'Check the path and its permissions.', field });
    }
  }
  if (fromEnv !== undefined) {
    const value = io.env[fromEnv];
    if (value === undefined) return appError('invalid-input', { message: `The environment variable ${fromEnv} (for the ${field}) is not set.`, hint: `Set it, e.g. read -rs ${fromEnv}; export ${fromEnv}.`, field });
    return ok(value);
  }
  return ok(undefined);
}
