/** Runs the real openssl binary for cross-checks; tests never mock it. */
import { execFileSync, spawnSync } from 'node:child_process';

export function openssl(args: string[], input?: string | Buffer): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Status, stdout and stderr of one openssl run (openssl prints its verdicts on stderr). */
export function opensslResult(args: string[], input?: string | Buffer): { status: number; stdout: string; stderr: string } {
  const run = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return { status: run.status ?? 1, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}
