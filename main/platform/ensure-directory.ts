/**
 * mkdir -p, written out: Node 20's fs.mkdir({ recursive: true }) never settles for some paths under
 * pseudo file systems (seen with /proc/<name>), which would hang the wizard instead of reporting the folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function ensureDirectory(dir: string, mode = 0o700, depth = 0): Promise<void> {
  try {
    await fs.mkdir(dir, { mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await fs.stat(dir)).isDirectory()) throw new Error(`${dir} exists but is not a folder`, { cause: error });
      return;
    }
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 64) throw error;
    await ensureDirectory(parent, mode, depth + 1);
    await fs.mkdir(dir, { mode }).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
