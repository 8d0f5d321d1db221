// The CLI's cold start, in CPU time (user + system) of whole processes, medians of interleaved runs so every
// command sees the same machine load:
//   sso-wizard --help, --version and explain 23  vs  node -e 0              target <= 2x
//   sso-wizard decode of a typical signed response  vs  node -e 0 + 3x xmlsec1 --verify on the same file
// Beside decode it times its floor (xml-crypto-floor.mjs): a bare script that only verifies the same signatures
// with the same libraries, so the summary shows how much of decode is the signature library itself, and
// decode of ten responses in one run (decode FILE...), what a script over many captured files pays per file.
// The compile cache is on, as for a user (warmed by the first, untimed run). Needs `npm run build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, quantile, record } from './bench-summary.mjs';
import { processCpuMs } from './process-cpu.mjs';
import { makeSignedResponse } from './signed-response-fixture.mjs';

const RUNS = Math.max(11, Number(process.env.BENCH_RUNS ?? 21));
const bin = new URL('../../dist/main/doors/cli/bin.js', import.meta.url).pathname;
const floor = new URL('./xml-crypto-floor.mjs', import.meta.url).pathname;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-cli-bench-'));
const env = { ...process.env, SSO_WIZARD_DATA_DIR: dir };
try {
  const fixture = makeSignedResponse(dir);
  const cases = {
    'node -e 0': [process.execPath, ['-e', '0']],
    'sso-wizard --help': [process.execPath, [bin, '--help']],
    'sso-wizard --version': [process.execPath, [bin, '--version']],
    'sso-wizard explain 23': [process.execPath, [bin, 'explain', '23']],
    'xmlsec1 --verify': ['xmlsec1', fixture.xmlsecArgs('Assertion')],
    'sso-wizard decode': [process.execPath, [bin, ...fixture.decodeArgs]],
    'xml-crypto alone': [process.execPath, [floor, fixture.responseB64, path.join(dir, 'idp.crt')]],
    // A script with many captured responses can check them in one run (decode FILE...): the start-up is paid once.
    'sso-wizard decode x10': [process.execPath, [bin, ...fixture.decodeArgs, ...Array(9).fill(fixture.responseB64)]],
  };
  // Each must succeed once (and this warms the compile cache) before anything is timed.
  for (const [name, [command, args]] of Object.entries(cases)) {
    const { status } = processCpuMs(command, args, { env });
    if (status !== 0) throw new Error(`${name} failed (exit ${status}); the benchmark would time an error.`);
  }
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, [command, args]] of Object.entries(cases)) samples[name].push(processCpuMs(command, args, { env }).cpuMs);
  }
  const spread = (name) => `${quantile(samples[name], 0.25).toFixed(0)}-${quantile(samples[name], 0.75).toFixed(0)}`;
  console.log(`CPU ms (user + system) of whole processes, ${RUNS} interleaved runs each: median (interquartile range)`);
  for (const name of Object.keys(cases)) console.log(`  ${name.padEnd(24)} ${median(samples[name]).toFixed(0).padStart(6)} ms  (${spread(name)})`);

  const node = median(samples['node -e 0']);
  for (const name of ['sso-wizard --help', 'sso-wizard --version', 'sso-wizard explain 23']) {
    const ratio = median(samples[name]) / node;
    record({ what: name, measured: `${median(samples[name]).toFixed(0)} ms CPU`, reference: `node -e 0 ${node.toFixed(0)} ms, ${ratio.toFixed(2)}x`, target: '<= 2x', met: ratio <= 2 });
  }
  const xmlsec = median(samples['xmlsec1 --verify']);
  const decode = median(samples['sso-wizard decode']);
  const budget = node + 3 * xmlsec;
  record({
    what: `sso-wizard decode (${(fixture.xml.length / 1024).toFixed(1)} KB, 2 signatures)`,
    measured: `${decode.toFixed(0)} ms CPU`,
    reference: `node -e 0 + 3x xmlsec1 --verify = ${node.toFixed(0)} + 3x ${xmlsec.toFixed(0)} = ${budget.toFixed(0)} ms, ${(decode / budget).toFixed(2)}x`,
    target: '<= 1x of that',
    met: decode <= budget,
  });
  const bare = median(samples['xml-crypto alone']);
  console.log(
    `The floor: verifying both signatures with xml-crypto in a bare script (nothing else decode does) takes ${bare.toFixed(0)} ms, ` +
      `${(bare / budget).toFixed(2)}x the decode budget; decode's own work above it is ${(decode - bare).toFixed(0)} ms.`,
  );
  const ten = median(samples['sso-wizard decode x10']);
  console.log(`Ten responses in one run (sso-wizard decode FILE...): ${ten.toFixed(0)} ms CPU, ${(ten / 10).toFixed(0)} ms per response (${(ten / 10 / budget).toFixed(2)}x the one-response budget), against ${decode.toFixed(0)} ms for a run per response.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
