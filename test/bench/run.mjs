// `npm run bench`: builds, then runs every test/bench/*-bench.mjs in turn (or those whose names contain the
// words given: `npm run bench -- keygen cli`). Each prints its own measurements; at the end their headline
// results are printed side by side, each with its target and "met" / "NOT met". Benchmarks measure: a missed
// target never fails (only a benchmark that could not run does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const only = process.argv.slice(2);
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((name) => name.endsWith('-bench.mjs'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();
const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-bench-summary-'));
const summaryFile = path.join(dir, 'summary.jsonl');
const broken = [];
for (const name of benches) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(process.execPath, [new URL(name, import.meta.url).pathname], { stdio: 'inherit', env: { ...process.env, BENCH_SUMMARY_FILE: summaryFile } });
  if (result.status !== 0) broken.push(name);
}
let rows = [];
try {
  rows = readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
} catch {
  // no bench recorded a result
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n=== Summary (${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
const width = Math.max(0, ...rows.map((row) => row.what.length));
for (const row of rows) console.log(`${row.met ? 'met    ' : 'NOT met'}  ${row.what.padEnd(width)}  ${row.measured}  vs ${row.reference}  (target ${row.target})`);
if (broken.length > 0) console.log(`Could not run: ${broken.join(', ')} (see above).`);
process.exitCode = broken.length === 0 ? 0 : 1;
