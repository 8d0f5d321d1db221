/**
 * test/tools/with-keyring.sh keeps its private keyring in a scratch folder; it must leave nothing behind in the
 * temporary folder, whether the command succeeds or fails (issue 16, item 12), and pass on the exit status.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const script = path.resolve(import.meta.dirname, 'with-keyring.sh');

describe('with-keyring.sh', () => {
  it('runs the command with private XDG folders, passes on its exit status and removes its scratch folder', () => {
    const tmp = tempDir();
    const run = spawnSync('bash', [script, 'bash', '-c', 'echo "$XDG_RUNTIME_DIR"; test -d "$XDG_RUNTIME_DIR"; exit 7'], {
      env: { ...process.env, TMPDIR: tmp },
      encoding: 'utf8',
    });
    expect(run.status, `with-keyring.sh said: ${run.stderr}`).toBe(7);
    const hasSession = spawnSync('bash', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon']).status === 0;
    if (hasSession) expect(run.stdout.trim().startsWith(path.join(tmp, 'sso-wizard-keyring.'))).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('leaves nothing behind after a command that succeeds', () => {
    const tmp = tempDir();
    execFileSync('bash', [script, 'true'], { env: { ...process.env, TMPDIR: tmp } });
    expect(readdirSync(tmp)).toEqual([]);
  });
});
