/**
 * Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it over the
 * target, then fsync the folder. rename(2) is atomic on POSIX file systems (and MoveFileEx with
 * REPLACE_EXISTING on NTFS), so a reader - or a restart after a crash at any instant - sees either the old
 * content or the new, never a torn file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; there the rename is already durable enough. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes temporary files left by writers that were killed mid-write (never the target itself). Without
 * `anyProcess`, this process's own are spared (one of its writes may be in flight); a caller holding the
 * file's lock knows no write is in flight and passes `anyProcess: true`.
 */
export async function removeStaleTempFiles(file: string, options: { anyProcess?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX))
      .filter((name) => options.anyProcess === true || !name.includes(`.${process.pid}.`))
      .map((name) => fs.rm(path.join(dir, name), { force: true }).catch(() => undefined)),
  );
}
