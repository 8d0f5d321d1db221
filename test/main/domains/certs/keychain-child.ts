/**
 * Runs keytar in a separate Node process with a chosen environment, the way a restarted wizard or a machine
 * without a session bus would: libsecret binds to the session bus once per process, so these cases cannot be
 * tested in the test process itself.
 */
import { spawnSync } from 'node:child_process';

const SCRIPT = `
const keytar = require('keytar');
const [op, service, account, secret] = process.argv.slice(1);
(async () => {
  try {
    if (op === 'get') console.log(JSON.stringify({ ok: true, value: await keytar.getPassword(service, account) }));
    else { await keytar.setPassword(service, account, secret); console.log(JSON.stringify({ ok: true, value: null })); }
  } catch (error) {
    console.log(JSON.stringify({ ok: false, message: String(error && error.message || error) }));
  }
})();
`;

export function keytarInChild(
  args: string[],
  options: { env: NodeJS.ProcessEnv; wrap?: string[] } = { env: process.env },
): { ok: true; value: string | null } | { ok: false; message: string } {
  const node = [process.execPath, '-e', SCRIPT, ...args];
  const command = options.wrap ? [...options.wrap, ...node] : node;
  const run = spawnSync(command[0] ?? 'node', command.slice(1), { env: options.env, encoding: 'utf8', cwd: process.cwd(), timeout: 30_000 });
  const line = (run.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) return { ok: false, message: `no answer (status ${run.status}): ${run.stderr}` };
  return JSON.parse(line) as { ok: true; value: string | null } | { ok: false; message: string };
}
