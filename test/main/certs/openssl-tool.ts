/** Runs the real openssl binary for cross-checks; tests never mock it. */
import { execFileSync } from 'node:child_process';

export function openssl(args: string[], input?: string | Buffer): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function opensslResult(args: string[], input?: string | Buffer): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }), stderr: '' };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { status: failed.status ?? 1, stdout: String(failed.stdout ?? ''), stderr: String(failed.stderr ?? '') };
  }
}
