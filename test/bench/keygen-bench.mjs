// Key generation for the CSR step (RSA 3072 and 4096) against `openssl req -newkey` on the same machine, in the
// same run, interleaved so both see the same load. Ours is the whole step's crypto work: Node's native
// generateKeyPair (libuv thread pool) plus building and signing the CSR, as `openssl req -newkey` does.
// Prime search is random (3-5x spread between runs), so medians of many runs are compared. Target: <= 1.1x.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const { generateSiteKeyPair } = await import(new URL('../../dist/main/domains/certs/key-generator.js', import.meta.url).href);
const { buildCsr } = await import(new URL('../../dist/main/domains/certs/csr-builder.js', import.meta.url).href);

const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 15));
const TARGET = 1.1;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function ours(bits) {
  const start = performance.now();
  const keys = await generateSiteKeyPair(`rsa-${bits}`);
  const afterKey = performance.now();
  await buildCsr({ subject: { commonName: 'meet.example.com' }, dnsNames: ['meet.example.com'], hash: 'sha256', ...keys });
  return { total: performance.now() - start, keyOnly: afterKey - start };
}

function openssl(bits) {
  const start = performance.now();
  const run = spawnSync('openssl', ['req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', '/dev/null', '-out', '/dev/null', '-subj', '/CN=meet.example.com', '-sha256'], { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`openssl req failed (status ${run.status})`);
  return performance.now() - start;
}

const version = spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim();
console.log(`Node ${process.version} (OpenSSL ${process.versions.openssl}) vs ${version}; ${RUNS} runs each, interleaved`);
for (const bits of [3072, 4096]) {
  const mine = [];
  const keyOnly = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await ours(bits);
    mine.push(result.total);
    keyOnly.push(result.keyOnly);
    theirs.push(openssl(bits));
  }
  const ratio = median(mine) / median(theirs);
  console.log(
    `RSA ${bits}: wizard keygen+CSR median ${median(mine).toFixed(0)} ms (keygen alone ${median(keyOnly).toFixed(0)} ms) | openssl req -newkey median ${median(theirs).toFixed(0)} ms | ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'})`,
  );
}
