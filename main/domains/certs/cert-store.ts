/**
 * The profile's certificate state, `certs.json` in the profile folder: every CSR generated (with the key
 * reference and the SHA-256 of its SubjectPublicKeyInfo, which ties certificate, CSR and key together) and the
 * imported chain. It holds no private key: only references to the keychain entry or the encrypted file.
 */
import path from 'node:path';
import * as z from 'zod';
import { ImportedStateSchema, StoredCsrSchema, type ImportedState, type StoredCsr } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Err, type Result } from '../../../shared/result.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { JsonFileStore, type KeptAside } from '../../platform/json-file-store.js';

const CertStateSchema = z.object({
  version: z.literal(1),
  csrs: z.array(StoredCsrSchema),
  imported: ImportedStateSchema.nullable(),
});
export type CertState = z.infer<typeof CertStateSchema>;

export const CERT_STATE_FILE = 'certs.json';

export function emptyCertState(): CertState {
  return { version: 1, csrs: [], imported: null };
}

export class CertStore {
  readonly dir: string;
  readonly file: string;
  private readonly store: JsonFileStore<CertState>;

  constructor(dataDir: string, profileId: string, now?: () => Date) {
    this.dir = profileDataDir(dataDir, profileId);
    this.file = path.join(this.dir, CERT_STATE_FILE);
    this.store = new JsonFileStore({
      file: this.file,
      schema: CertStateSchema,
      empty: emptyCertState,
      label: 'The certificate state',
      afterKeptAside: 'the profile starts again with no CSR and no certificate (the keys in the keychain are not affected)',
      ...(now ? { now } : {}),
    });
  }

  /** The state; a damaged file is kept aside and reported once as `state-unreadable` (the next read starts empty). */
  async read(): Promise<Result<CertState>> {
    try {
      const loaded = await this.store.read();
      return loaded.keptAside ? damaged(loaded.keptAside) : ok(loaded.value);
    } catch (error) {
      return appError('state-unreadable', { message: `${this.file} could not be read (${errorCode(error)}).`, hint: 'Check the permissions of the data folder.' });
    }
  }

  async write(state: CertState): Promise<Result<void>> {
    try {
      await this.store.write(state);
      return ok(undefined);
    } catch (error) {
      return writeFailed(this.file, error);
    }
  }

  /**
   * Read-change-write under the file's queue and lock, so neither two quick requests nor the CLI beside a
   * running browser mode can lose a CSR record. A damaged file found here is kept aside and reported; the
   * change is not applied (retrying applies it to the fresh state).
   */
  async update(change: (state: CertState) => void): Promise<Result<CertState>> {
    try {
      const { value, keptAside } = await this.store.update((state, found) => {
        if (!found) change(state);
      });
      return keptAside ? damaged(keptAside) : ok(value);
    } catch (error) {
      return writeFailed(this.file, error);
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

function damaged(keptAside: KeptAside): Err {
  return appError('state-unreadable', {
    message: keptAside.warning,
    hint: 'Generate a CSR or import the certificate again; retry if you were saving one.',
  });
}

function writeFailed(file: string, error: unknown): Err {
  return appError('storage-failed', {
    message: `${file} could not be written (${errorCode(error)}).`,
    hint: 'Check that the data folder is writable and the disk is not full, then retry.',
  });
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}
