/** Issue 16, item 9: --force writes a new file with the asked-for mode and never follows a symlink. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../../../main/doors/cli/cli-files.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

describe.skipIf(process.platform === 'win32')('writeOutputFile', () => {
  it('--force replaces a world-readable file with a new 0600 file (a new inode, not the old one rewritten)', async () => {
    const file = path.join(tempDir(), 'site.pfx');
    await fs.writeFile(file, 'old', { mode: 0o644 });
    await fs.chmod(file, 0o666);
    const before = await fs.stat(file);
    const written = await writeOutputFile(file, 'secret', true, 0o600);
    expect(written.ok).toBe(true);
    const after = await fs.stat(file);
    expect(after.mode & 0o777).toBe(0o600);
    expect(after.ino).not.toBe(before.ino);
    expect(await fs.readFile(file, 'utf8')).toBe('secret');
  });

  it('refuses a symlink at the target, with or without --force, and leaves what it points at alone', async () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim.txt');
    await fs.writeFile(victim, 'untouched');
    const link = path.join(dir, 'site.key.p8.pem');
    await fs.symlink(victim, link);
    const forced = await writeOutputFile(link, 'KEY', true, 0o600);
    expect(forced.ok).toBe(false);
    if (!forced.ok) {
      expect(forced.error.message).toContain('is a symbolic link');
      expect(forced.error.field).toBe('out');
    }
    const plain = await writeOutputFile(link, 'KEY', false, 0o600);
    expect(plain.ok).toBe(false);
    if (!plain.ok) expect(plain.error.message).toContain('already exists');
    expect(await fs.readFile(victim, 'utf8')).toBe('untouched');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('a dangling symlink is refused too (O_EXCL would not follow it; --force must not either)', async () => {
    const dir = tempDir();
    const link = path.join(dir, 'out.pfx');
    await fs.symlink(path.join(dir, 'elsewhere.pfx'), link);
    expect((await writeOutputFile(link, 'x', true, 0o600)).ok).toBe(false);
    await expect(fs.access(path.join(dir, 'elsewhere.pfx'))).rejects.toThrow();
  });

  it('without --force an existing file is kept', async () => {
    const file = path.join(tempDir(), 'a.csr');
    await fs.writeFile(file, 'old');
    expect((await writeOutputFile(file, 'new', false)).ok).toBe(false);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });

  it('a file that cannot be written says why in words, with or without --force (a missing folder, a path through a file)', async () => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, 'plain'), 'x');
    for (const force of [false, true]) {
      const missing = await writeOutputFile(path.join(dir, 'no-folder', 'site.csr'), 'CSR', force);
      expect(missing.ok ? '' : missing.error.message).toBe(`${path.join(dir, 'no-folder', 'site.csr')} could not be written: the folder does not exist.`);
      const throughFile = await writeOutputFile(path.join(dir, 'plain', 'site.csr'), 'CSR', force);
      expect(throughFile.ok ? '' : throughFile.error.message).toMatch(/could not be written: a part of the path is a file, not a folder\.$/);
    }
  });
});
