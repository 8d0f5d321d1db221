// Key generation for the CSR step against `openssl req -newkey` on the same machine, in the same run,
// interleaved (ours, then openssl's, then ours…) so both see the same load. Ours is the whole step's crypto
// work: Node's native generateKeyPair (libuv thread pool) plus building and signing the CSR, as
// `openssl req -newkey` does (its time includes its process start, a few ms).
// Prime search is random (3-5x spread between runs of the same size), so one median says little: runs go on
// until the 95% bootstrap interval of the ratio of medians is within ±5% of it (or the run budget is spent),
// and the ratio is printed with that interval and each side's interquartile range. Target: <= 1.1x.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { median, quantile, record } from './bench-summary.mjs';

const { generateSiteKeyPair } = await import(new URL('../../dist/main/domains/certs/key-generator.js', import.meta.url).href);
const { buildCsr } = await import(new URL('../../dist/main/domains/certs/csr-builder.js', import.meta.url).href);

const TARGET = 1.1;
const SCALE = Math.max(0.2, Number(process.env.BENCH_SCALE ?? 1)); // BENCH_SCALE=0.3 for a quick look
const KEYS = [
  { keyType: 'rsa-2048', openssl: ['-newkey', 'rsa:2048'], minRuns: 31, maxRuns: 151 },
  { keyType: 'rsa-3072', openssl: ['-newkey', 'rsa:3072'], minRuns: 21, maxRuns: 81 },
  { keyType: 'rsa-4096', openssl: ['-newkey', 'rsa:4096'], minRuns: 15, maxRuns: 41 },
  { keyType: 'ecdsa-p256', openssl: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], minRuns: 41, maxRuns: 201 },
];

async function ours(keyType) {
  const start = performance.now();
  const keys = await generateSiteKeyPair(keyType);
  const afterKey = performance.now();
  await buildCsr({ subject: { commonName: 'meet.example.com' }, dnsNames: ['meet.example.com'], hash: 'sha256', ...keys });
  return { total: performance.now() - start, keyOnly: afterKey - start };
}

function openssl(args) {
  const start = performance.now();
  const run = spawnSync('openssl', ['req', '-new', ...args, '-nodes', '-keyout', '/dev/null', '-out', '/dev/null', '-subj', '/CN=meet.example.com', '-sha256'], { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`openssl req ${args.join(' ')} failed (exit ${run.status})`);
  return performance.now() - start;
}

/** 95% bootstrap interval of median(a) / median(b), from 1000 resamples of each side. */
function ratioInterval(a, b) {
  const pick = (values) => Array.from({ length: values.length }, () => values[Math.floor(Math.random() * values.length)]);
  const ratios = Array.from({ length: 1000 }, () => median(pick(a)) / median(pick(b)));
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}

const version = spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim();
console.log(`Node ${process.version} (OpenSSL ${process.versions.openssl}) vs ${version}; interleaved runs until the ratio's 95% interval is within ±5%`);
for (const key of KEYS) {
  const minRuns = Math.max(7, Math.round(key.minRuns * SCALE));
  const maxRuns = Math.max(minRuns, Math.round(key.maxRuns * SCALE));
  const mine = [];
  const keyOnly = [];
  const theirs = [];
  while (mine.length < maxRuns) {
    const result = await ours(key.keyType);
    mine.push(result.total);
    keyOnly.push(result.keyOnly);
    theirs.push(openssl(key.openssl));
    if (mine.length >= minRuns && mine.length % 5 === 0) {
      const [low, high] = ratioInterval(mine, theirs);
      if (high - low <= 0.1 * (median(mine) / median(theirs))) break;
    }
  }
  const interval = ratioInterval(mine, theirs);
  const ratio = median(mine) / median(theirs);
  const iqr = (values) => `${quantile(values, 0.25).toFixed(0)}-${quantile(values, 0.75).toFixed(0)}`;
  console.log(
    `  ${key.keyType.padEnd(10)} ${String(mine.length).padStart(3)} runs each: wizard keygen+CSR median ${median(mine).toFixed(0)} ms (IQR ${iqr(mine)}; keygen alone ${median(keyOnly).toFixed(0)}) | openssl req -newkey median ${median(theirs).toFixed(0)} ms (IQR ${iqr(theirs)}) | ratio ${ratio.toFixed(2)}x, 95% interval ${interval[0].toFixed(2)}-${interval[1].toFixed(2)}`,
  );
  record({
    what: `key generation + CSR, ${key.keyType}`,
    measured: `${median(mine).toFixed(0)} ms median of ${mine.length}`,
    reference: `openssl req -newkey ${median(theirs).toFixed(0)} ms, ${ratio.toFixed(2)}x (95% interval ${interval[0].toFixed(2)}-${interval[1].toFixed(2)})`,
    target: `<= ${TARGET}x`,
    met: ratio <= TARGET,
  });
}
