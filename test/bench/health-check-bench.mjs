// The health check of one site and one IdP against loopback servers (an HTTPS node serving a chain an openssl
// CA issued, and an HTTP metadata server), beside `openssl s_client` + `curl` doing the same reads: the served
// chain, the site's Date, the IdP metadata and the IdP's Date. In process (the core's health.run) and through
// the CLI end to end (sso-wizard check --json). Medians, as ratios. Needs `npm run build` (npm run bench does it).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { median, record } from './bench-summary.mjs';

const SITE = 'meet.example.test';
const dist = new URL('../../dist/', import.meta.url);
const bin = new URL('main/doors/cli/bin.js', dist).pathname;
const { createCore } = await import(new URL('main/app/core/create-core.js', dist).href);
const { nodeOutside } = await import(new URL('main/doors/node-outside.js', dist).href);

const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-bench-health-'));
const at = (name) => path.join(dir, name);
const openssl = (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const servers = [];
// The servers live in this process: every tool runs asynchronously so the event loop keeps answering them.
const run = promisify(execFile);
const quietly = (command, args) => run(command, args).catch((error) => error);
try {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '30', '-subj', '/CN=Bench Root', '-addext', 'basicConstraints=critical,CA:TRUE']);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'inter.key', '-out', 'inter.csr', '-subj', '/CN=Bench Intermediate']);
  writeFileSync(at('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n');
  openssl(['x509', '-req', '-in', 'inter.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '30', '-extfile', 'ca.ext', '-out', 'inter.pem']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'site.key', '-out', 'site.csr', '-subj', `/CN=${SITE}`, '-addext', `subjectAltName=DNS:${SITE}`]);
  writeFileSync(at('leaf.ext'), `subjectAltName=DNS:${SITE}\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', 'site.csr', '-CA', 'inter.pem', '-CAkey', 'inter.key', '-CAcreateserial', '-days', '400', '-extfile', 'leaf.ext', '-out', 'site.pem']);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'idp.key', '-out', 'idp.pem', '-days', '400', '-subj', '/CN=Bench IdP signing']);
  const chain = readFileSync(at('site.pem'), 'utf8') + readFileSync(at('inter.pem'), 'utf8');
  const idpCert = readFileSync(at('idp.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const metadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="http://adfs.bench.test/adfs/services/trust"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${idpCert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://adfs.bench.test/adfs/ls/"/></md:IDPSSODescriptor></md:EntityDescriptor>`;

  const site = https.createServer({ key: readFileSync(at('site.key')), cert: chain }, (_request, response) => response.end());
  const idp = http.createServer((_request, response) => response.end(metadata));
  for (const server of [site, idp]) {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  const sitePort = site.address().port;
  const node = `127.0.0.1:${sitePort}`;
  const metadataUrl = `http://127.0.0.1:${idp.address().port}/FederationMetadata/2007-06/FederationMetadata.xml`;

  const dataDir = at('data');
  const core = createCore({ frontDoor: 'cli', outside: nodeOutside(), dataDir });
  const profile = await core.dispatch('profile.create', { name: 'Bench', siteUrl: `https://${SITE}:${sitePort}` });
  const profileId = profile.value.id;
  const imported = await core.dispatch('idp.import', { profileId, url: metadataUrl });
  if (!imported.ok) throw new Error(imported.error.message);

  // Sanity: the check reads the chain, both clocks and the metadata before anything is timed.
  const first = await core.dispatch('health.run', { profileId, connectTo: [node] });
  const ids = first.ok ? first.value.findings.map((f) => f.id) : [];
  if (!ids.some((id) => id === `served:${node}:nothing-imported`) || !ids.some((id) => id.startsWith('clock:idp:')) || !ids.some((id) => id.startsWith(`clock:site:${node}`))) {
    console.error(`The health check did not read everything: ${JSON.stringify(ids)}`);
    process.exit(1);
  }

  const time = async (runs, work) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await work();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };
  const reference = async () => {
    const sClient = execFile('openssl', ['s_client', '-connect', node, '-servername', SITE, '-showcerts']);
    sClient.stdin?.end();
    await new Promise((resolve) => sClient.on('close', resolve));
    await quietly('curl', ['-sk', '-I', '--resolve', `${SITE}:${sitePort}:127.0.0.1`, `https://${SITE}:${sitePort}/`]);
    await quietly('curl', ['-s', metadataUrl]);
    await quietly('curl', ['-s', '-I', metadataUrl]);
  };
  const tools = await time(15, reference);
  for (let i = 0; i < 5; i++) await core.dispatch('health.run', { profileId, connectTo: [node] });
  const inProcess = await time(30, () => core.dispatch('health.run', { profileId, connectTo: [node] }));
  const cliArgs = [bin, '--data-dir', dataDir, 'check', '--profile', 'Bench', '--connect-to', node, '--json'];
  const cliOnce = await quietly(process.execPath, cliArgs);
  if (cliOnce.code !== 1 || !String(cliOnce.stdout).includes('"findings"')) {
    console.error(`sso-wizard check did not run as expected (exit ${cliOnce.code}): ${String(cliOnce.stderr).slice(0, 500)}`);
    process.exit(1);
  }
  const cli = await time(10, () => quietly(process.execPath, cliArgs));

  console.log('One site node (HTTPS, chain of 2) and one IdP (metadata over HTTP), loopback, medians');
  console.log(`openssl s_client + 3x curl (chain, site Date, metadata, IdP Date)   ${tools.toFixed(1).padStart(8)} ms   1.00x`);
  console.log(`health.run in process (same reads + every check, run kept)          ${inProcess.toFixed(1).padStart(8)} ms   ${(inProcess / tools).toFixed(2)}x`);
  console.log(`sso-wizard check --json, CLI end to end (node start + check)         ${cli.toFixed(1).padStart(8)} ms   ${(cli / tools).toFixed(2)}x`);
  record({ what: 'health check, 1 site + 1 IdP, in process', measured: `${inProcess.toFixed(1)} ms (${(inProcess / tools).toFixed(2)}x)`, reference: `openssl s_client + curl ${tools.toFixed(1)} ms`, target: '≤ 1.0x', met: inProcess <= tools });
  record({ what: 'sso-wizard check, 1 site + 1 IdP, CLI end to end', measured: `${cli.toFixed(1)} ms (${(cli / tools).toFixed(2)}x)`, reference: `openssl s_client + curl ${tools.toFixed(1)} ms`, target: '≤ 3.0x', met: cli <= 3 * tools });
} finally {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
}
