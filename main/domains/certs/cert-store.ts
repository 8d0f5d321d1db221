/**
 * The profile's certificate state, `certs.json` in the profile folder: every CSR generated (with the key
 * reference and the SHA-256 of its SubjectPublicKeyInfo, which ties certificate, CSR and key together) and the
 * imported chain. It holds no private key: only references to the keychain entry or the encrypted file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ImportedStateSchema, StoredCsrSchema, type ImportedState, type StoredCsr } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';
import { profileDataDir } from '../../platform/data-dir.js';

const CertStateSchema = z.object({
  version: z.literal(1),
  csrs: z.array(StoredCsrSchema),
  imported: ImportedStateSchema.nullable(),
});
export type CertState = z.infer<typeof CertStateSchema>;

export const CERT_STATE_FILE = 'certs.json';

const pending = new Map<string, Promise<void>>();

export function emptyCertState(): CertState {
  return { version: 1, csrs: [], imported: null };
}

export class CertStore {
  readonly dir: string;
  readonly file: string;

  constructor(dataDir: string, profileId: string) {
    this.dir = profileDataDir(dataDir, profileId);
    this.file = path.join(this.dir, CERT_STATE_FILE);
  }

  async read(): Promise<Result<CertState>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(emptyCertState());
      return appError('state-unreadable', { message: `${this.file} could not be read.`, hint: 'Check the permissions of the data folder.' });
    }
    try {
      const parsed = CertStateSchema.safeParse(JSON.parse(text));
      if (parsed.success) return ok(parsed.data);
    } catch {
      // fall through: not JSON
    }
    return appError('state-unreadable', {
      message: `The certificate state ${this.file} is damaged.`,
      hint: 'Move the file aside and generate or import again; the keys in the keychain are not affected.',
    });
  }

  async write(state: CertState): Promise<Result<void>> {
    try {
      await ensureDirectory(this.dir);
      await writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`);
      return ok(undefined);
    } catch (error) {
      return appError('storage-failed', {
        message: `${this.file} could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        hint: 'Check that the data folder is writable and the disk is not full, then retry.',
      });
    }
  }

  /** Read-change-write, one at a time per file in this process, so two quick requests cannot lose a CSR record. */
  async update(change: (state: CertState) => void): Promise<Result<CertState>> {
    const previous = pending.get(this.file) ?? Promise.resolve();
    const run = previous.then(async (): Promise<Result<CertState>> => {
      const current = await this.read();
      if (!current.ok) return current;
      change(current.value);
      const written = await this.write(current.value);
      return written.ok ? current : written;
    });
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    pending.set(this.file, settled);
    try {
      return await run;
    } finally {
      if (pending.get(this.file) === settled) pending.delete(this.file);
    }
  }

  async addCsr(csr: StoredCsr): Promise<Result<CertState>> {
    return this.update((state) => {
      state.csrs.push(csr);
    });
  }

  async setImported(imported: ImportedState): Promise<Result<CertState>> {
    return this.update((state) => {
      state.imported = imported;
    });
  }
}
