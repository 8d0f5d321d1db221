/**
 * `sso-wizard check` against real TLS servers on loopback (Node's https) with certificates a throw-away openssl
 * CA issued, each reached through --connect-to under the site's name: the right chain passes; the imported
 * certificate without its intermediate is an incomplete chain; another certificate is a fingerprint mismatch;
 * a certificate for another host is named; a chain out of order is named; the expired certificate is checked
 * with the core's clock moved past its end (openssl 3.0 cannot back-date a certificate).
 */
import { promises as fs } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthRun } from '../../../../shared/api/health-schemas.js';
import { createCore } from '../../../../main/app/core/create-core.js';
import { probeTls } from '../../../../main/platform/tls-probe.js';
import { testOutside } from '../../../support/test-outside.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';
import { runCliCaptured } from '../../../support/run-cli.js';

const SITE = 'meet.example.test';
let dir: string;
let ca: TestCa;
const servers: https.Server[] = [];
const at = (name: string) => path.join(dir, name);
let leafPem = '';
let siteKey = '';

const cli = (args: string[]) => runCliCaptured(['--data-dir', at('data'), ...args]);

/** A real HTTPS server on 127.0.0.1 sending exactly `chain` (PEMs, in this order). */
async function serve(keyFile: string, chain: string[]): Promise<string> {
  const server = https.createServer({ key: await fs.readFile(keyFile), cert: chain.join('') }, (_request, response) => response.end('site'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function check(node: string, extra: string[] = []): Promise<{ code: number; run: HealthRun; out: string }> {
  const result = await cli(['check', '--connect-to', node, '--json', ...extra]);
  const parsed = JSON.parse(result.out) as { ok: true; value: { exitCode: number; runs: HealthRun[] } };
  expect(parsed.value.exitCode).toBe(result.code);
  return { code: result.code, run: parsed.value.runs[0] as HealthRun, out: result.out };
}

const served = (run: HealthRun) => run.findings.filter((f) => f.check === 'served-certificate');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-health-tls-'));
  ca = await createTestCa();
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', `https://${SITE}`])).code).toBe(0);
  const site = opensslCsr(ca.dir, 'site', `/CN=${SITE}`);
  siteKey = site.keyFile;
  await fs.writeFile(at('site.csr'), site.csrPem);
  expect((await cli(['csr', '--from-site', at('site.csr')])).code).toBe(0);
  leafPem = await ca.sign(site.csrPem);
  await fs.writeFile(at('signed.pem'), leafPem + ca.intermediatePem);
  await fs.writeFile(at('root.pem'), ca.rootPem);
  expect((await cli(['import', at('signed.pem'), '--root', at('root.pem')])).code).toBe(0);
});
afterAll(async () => {
  for (const server of servers) server.close();
  await fs.rm(dir, { recursive: true, force: true });
  await ca.cleanup();
});

describe('the certificate the site serves, through --connect-to under the site name', () => {
  it('the imported certificate with its intermediate: ok, no served-certificate problem', async () => {
    const node = await serve(siteKey, [leafPem, ca.intermediatePem]);
    const { run, out } = await check(node);
    expect(run.nodes).toEqual([node]);
    expect(served(run).map((f) => `${f.severity} ${f.fact}`)).toEqual([expect.stringMatching(/^ok /)]);
    expect(served(run)[0]?.fact).toMatch(/Serves the step 2 certificate .* for meet\.example\.test, with a complete chain in order/);
    const expiry = run.findings.find((f) => f.check === 'expiry' && f.subject.includes('Site certificate'));
    expect(expiry).toMatchObject({ severity: 'ok' });
    expect(out).not.toContain('PRIVATE KEY');
  });

  it('--save-nodes keeps the node list: the next check without --connect-to checks those nodes', async () => {
    const node = await serve(siteKey, [leafPem, ca.intermediatePem]);
    expect((await cli(['check', '--connect-to', node, '--save-nodes'])).code).toBe(1);
    const { run } = await check(node);
    const again = JSON.parse((await cli(['check', '--json'])).out) as { value: { runs: HealthRun[] } };
    expect(again.value.runs[0]?.nodes).toEqual([node]);
    expect(served(again.value.runs[0] as HealthRun).map((f) => f.severity)).toEqual(served(run).map((f) => f.severity));
    expect((await cli(['check', '--save-nodes'])).code).toBe(2);
  });

  it('the imported certificate without its intermediate: incomplete chain, exit 1', async () => {
    const node = await serve(siteKey, [leafPem]);
    const { code, run } = await check(node, ['--fail-on', 'error']);
    expect(code).toBe(1);
    const incomplete = served(run).find((f) => f.id.endsWith(':incomplete'));
    expect(incomplete?.severity).toBe('error');
    expect(incomplete?.fact).toMatch(/incomplete: 1 certificate sent, and the issuer .*Wizard Test Intermediate CA.* is not among them/);
    expect(served(run).some((f) => f.id.endsWith(':fingerprint'))).toBe(false);
  });

  it('another certificate for the site: fingerprint mismatch naming both fingerprints', async () => {
    const other = opensslCsr(ca.dir, 'other', `/CN=${SITE}`);
    const otherPem = await ca.sign(other.csrPem);
    const node = await serve(other.keyFile, [otherPem, ca.intermediatePem]);
    const { code, run } = await check(node);
    expect(code).toBe(1);
    const mismatch = served(run).find((f) => f.id.endsWith(':fingerprint'));
    expect(mismatch).toMatchObject({ severity: 'error', fixTarget: 'import' });
    expect(mismatch?.fact).toMatch(/Serves another certificate .*than the step 2 certificate/);
  });

  it('a certificate for another host: the host name is named', async () => {
    const wrong = opensslCsr(ca.dir, 'wrong', '/CN=other.example.test');
    const node = await serve(wrong.keyFile, [await ca.sign(wrong.csrPem), ca.intermediatePem]);
    const { run } = await check(node);
    const host = served(run).find((f) => f.id.endsWith(':host'));
    expect(host?.severity).toBe('error');
    expect(host?.fact).toMatch(/not for meet\.example\.test \(it names DNS:other\.example\.test\)/);
  });

  it('a chain out of order (root before the intermediate): the order is named, the chain is still complete', async () => {
    const node = await serve(siteKey, [leafPem, ca.rootPem, ca.intermediatePem]);
    const { run } = await check(node);
    expect(served(run).find((f) => f.id.endsWith(':order'))?.severity).toBe('warning');
    expect(served(run).some((f) => f.id.endsWith(':incomplete'))).toBe(false);
  });

  it('an expired certificate (the clock moved past its end): expiry error', async () => {
    const node = await serve(siteKey, [leafPem, ca.intermediatePem]);
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: at('data'), now: () => new Date(Date.now() + 200 * 86_400_000) });
    const profiles = (await core.dispatch('profile.list', {})) as { ok: true; value: { profiles: { id: string }[] } };
    const result = (await core.dispatch('health.run', { profileId: profiles.value.profiles[0]?.id ?? '', connectTo: [node] })) as { ok: true; value: HealthRun };
    const expiry = result.value.findings.find((f) => f.check === 'expiry' && f.subject.includes(`served by ${node}`));
    expect(expiry).toMatchObject({ severity: 'error', fixTarget: 'csr' });
    expect(expiry?.fact).toMatch(/^Expired on \d{4}-\d\d-\d\d\.$/);
  });

  it('a node that refuses, and a name that does not resolve: clear messages, no stack trace', async () => {
    const closed = await serve(siteKey, [leafPem]);
    servers.at(-1)?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await check(closed);
    expect(served(refused.run)[0]?.fact).toMatch(/refused the connection: nothing listens there/);
    const dns = await check('no-such-node.invalid:443');
    expect(served(dns.run)[0]?.fact).toMatch(/no-such-node\.invalid could not be resolved/);
    expect(dns.out).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a TLS 1.3-only server: read again with TLS 1.3 (the chain then cannot be seen as sent, so order is not judged)', async () => {
    const server = https.createServer({ key: await fs.readFile(siteKey), cert: leafPem + ca.intermediatePem, minVersion: 'TLSv1.3' }, (_request, response) => response.end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { run } = await check(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(served(run).map((f) => f.severity)).toEqual(['ok']);
    expect(served(run)[0]?.fact).toMatch(/with a complete chain \(TLSv1\.3\)/);
  });

  it('hostile servers: bytes that are not TLS, and a server that never answers, end with a named failure', async () => {
    const garbage = net.createServer((socket) => socket.end(Buffer.alloc(4096, 0x16)));
    const silent = net.createServer(() => undefined);
    for (const s of [garbage, silent]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s: net.Server) => (s.address() as AddressInfo).port;
    const noise = await check(`127.0.0.1:${port(garbage)}`);
    expect(served(noise.run)[0]).toMatchObject({ severity: 'error' });
    expect(served(noise.run)[0]?.fact).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ failed|could not be reached/);
    const quiet = await probeTls({ host: '127.0.0.1', port: port(silent), serverName: SITE, timeoutMs: 300 });
    expect(quiet).toMatchObject({ ok: false, failure: 'timeout' });
    garbage.close();
    silent.close();
  });

  it('usage: --profile with --all, a bad --fail-on and a bad node are exit 2', async () => {
    expect((await cli(['check', '--all', '--profile', 'Prod'])).code).toBe(2);
    expect((await cli(['check', '--fail-on', 'info'])).code).toBe(2);
    const bad = await cli(['check', '--connect-to', 'not a node']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/HOST:PORT/);
  });
});
