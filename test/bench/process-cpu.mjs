// CPU time (user + system, ms) of one whole child process, the way `time` reports it. Node cannot read a
// child's rusage, so bash runs the command and its `times` builtin prints the children's CPU to the millisecond.
import { spawnSync } from 'node:child_process';

export function processCpuMs(command, args, options = {}) {
  const run = spawnSync('bash', ['-c', '"$@" >/dev/null 2>&1; status=$?; times; exit $status', 'bench', command, ...args], { encoding: 'utf8', ...options });
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`Could not read the CPU time of ${command} from bash's "times": ${run.stdout}${run.stderr}`);
  return { cpuMs: (seconds[0] + seconds[1]) * 1000, status: run.status };
}
