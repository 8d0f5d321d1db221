// Validating a typical signed SAML response: in process (dist/main/domains/saml/response-validator.js) and through the CLI
// end to end (node dist/main/doors/cli/bin.js decode), each beside `xmlsec1 --verify` on the same file with the same pinned
// certificate. Prints medians and side-by-side ratios. Needs `npm run build` first (npm run bench does it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeSignedResponse } from './signed-response-fixture.mjs';

const dist = new URL('../../dist/', import.meta.url);
const { validateSamlResponse } = await import(new URL('main/domains/saml/response-validator.js', dist).href);
const bin = new URL('main/doors/cli/bin.js', dist).pathname;

const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-bench-'));
try {
  const { xml, base64, certPem, idp, sp, now, xmlsecArgs, decodeArgs } = makeSignedResponse(dir);
  const input = { samlResponse: base64, binding: 'POST', sp, idp: { entityId: idp, certificatesPem: [certPem] }, requestId: '_req1', now };

  // Sanity: both agree that the fixture is valid before anything is timed.
  const report = validateSamlResponse(input);
  const xmlsecOk = spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' }).status === 0 && spawnSync('xmlsec1', xmlsecArgs('Response'), { stdio: 'ignore' }).status === 0;
  if (!report.signsIn || !xmlsecOk) {
    console.error(`The fixture is not valid (validator: ${report.summary}; xmlsec1: ${xmlsecOk ? 'OK' : 'FAILED'})`);
    process.exit(1);
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const time = (runs, work) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      work();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };

  for (let i = 0; i < 20; i++) validateSamlResponse(input); // warm-up (JIT)
  const inProcess = time(200, () => validateSamlResponse(input));
  const xmlsecOne = time(15, () => spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' }));
  const xmlsecBoth = time(15, () => {
    spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' });
    spawnSync('xmlsec1', xmlsecArgs('Response'), { stdio: 'ignore' });
  });
  const cliArgs = [bin, ...decodeArgs];
  const cliCheck = spawnSync(process.execPath, cliArgs, { encoding: 'utf8' });
  if (cliCheck.status !== 0) {
    console.error(`The CLI did not accept the fixture (exit ${cliCheck.status}): ${cliCheck.stdout}${cliCheck.stderr}`);
    process.exit(1);
  }
  const cli = time(10, () => spawnSync(process.execPath, cliArgs, { stdio: 'ignore' }));

  const row = (label, ms, versus) => console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms   ${(ms / versus).toFixed(2).padStart(6)}x xmlsec1 (one signature)   ${(ms / xmlsecBoth).toFixed(2).padStart(6)}x xmlsec1 (both)`);
  console.log(`Signed response: ${xml.length} bytes, response and assertion signed (RSA-SHA256, exc-c14n), medians`);
  row('xmlsec1 --verify, assertion signature (process spawn)', xmlsecOne, xmlsecOne);
  row('xmlsec1 --verify, both signatures (two spawns)', xmlsecBoth, xmlsecOne);
  row('validateSamlResponse in process (both signatures + all checks)', inProcess, xmlsecOne);
  row('sso-wizard decode, CLI end to end (node start + validate)', cli, xmlsecOne);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
