/** Runs the CLI in this process, as `sso-wizard ARGS` would, and returns its exit code and what it printed. */
import type { CliIo } from '../../main/doors/cli/cli-io.js';
import { runCli } from '../../main/doors/cli/run-cli.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv = { ...process.env }): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
