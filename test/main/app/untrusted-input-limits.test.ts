/**
 * Issue 16, item 2: in browser mode, a SAML response (saml.check), IdP metadata (idp.import) and a CSR made
 * elsewhere (csr.record, csr.inspect) are parsed off the server's event loop with a time limit. Hostile inputs
 * built here, each seconds of parsing, are ended by the limit with a message naming what was given and what to
 * do, and browser mode answers another request meanwhile. The test sign-in's check is bounded the same way.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core/create-core.js';
import { samlSigninEngine } from '../../../main/app/core/signin-engine.js';
import { startBrowserModeServer, type BrowserModeServer } from '../../../main/doors/http/browser-mode-server.js';
import { runInWorker, type WorkerRunner } from '../../../main/platform/worker-runner.js';
import { makeKeyPair } from '../../support/simplesamlphp.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { testOutside } from '../../support/test-outside.js';
import { deeplyNestedMetadata, deeplyNestedResponse } from '../domains/saml/hostile-xml.js';

const tempDir = useTempDirs();
/** The limit every parse gets here: the product's limits (10-15 s) scaled down to keep the test short. */
const LIMIT_MS = 2_000;
/** Resolved when the runner starts a job: the slow request is then being parsed. */
let jobStarted = () => {};
const limited: WorkerRunner = (job, limits) => {
  jobStarted();
  return runInWorker(job, { timeoutMs: Math.min(limits.timeoutMs, LIMIT_MS) });
};

let server: BrowserModeServer;
/** The server's folders live for the whole file (useTempDirs' folders go after each test). */
let serverDir: string;
let profileId: string;
let idpCertPem: string;
let hostileCsr: Buffer;

type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string; hint: string; field?: string } };
const call = (channel: string, input: unknown): Promise<Reply> =>
  fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin, 'X-SSO-Wizard-Token': server.token },
    body: JSON.stringify(input),
  }).then((response) => response.json() as Promise<Reply>);

/** Starts `slow`, waits until its parse has started, then proves another request is answered before `slow` ends. */
async function meanwhile(request: () => Promise<Reply>): Promise<Reply> {
  const started = new Promise<void>((resolve) => {
    jobStarted = resolve;
  });
  let done = false;
  const slow = request().finally(() => {
    done = true;
  });
  await started;
  const listing = await call('profile.list', {});
  expect(listing.ok).toBe(true);
  expect(done, `the slow request had already ended: ${JSON.stringify(await slow).slice(0, 300)}`).toBe(false);
  return slow;
}

beforeAll(async () => {
  serverDir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-limits-'));
  const dir = serverDir;
  idpCertPem = makeKeyPair(dir, 'idp', '/CN=ADFS Signing - adfs.example.com').certPem;
  // 60,000 BEGIN lines and no END (2 MB, under the 4 MB input limit): the reader's search for the END line is
  // quadratic in them, tens of seconds of CPU (measured: 8,000 lines, 0.6 s; four times as many, 16 times as long).
  hostileCsr = Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\n'.repeat(60_000));

  const rendererDir = path.join(serverDir, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const core = createCore({ frontDoor: 'browser', outside: testOutside({ runParser: limited }), dataDir: path.join(serverDir, 'data') });
  server = await startBrowserModeServer({ dispatch: core.dispatch, rendererDir });
  const profile = await call('profile.create', { name: 'Production', siteUrl: 'https://meet.example.com' });
  profileId = (profile.value as { id: string }).id;
}, 120_000);

// A stopped parse ends its worker; the next one starts cold. Load the engines first, as a running wizard has
// them after its first file: the short limit here is for parsing, not for loading them on a busy machine.
beforeEach(async () => {
  const warm = (file: string, exportName: string, args: unknown[]) => runInWorker({ module: new URL(file, import.meta.url), exportName, args }, { timeoutMs: 60_000 });
  await warm('../../../main/domains/saml/response-validator.ts', 'responseIssuer', ['<x/>']);
  await warm('../../../main/domains/saml/idp-metadata-parser.ts', 'parseIdpMetadata', ['<x/>']);
  await warm('../../../main/domains/certs/csr-parser.ts', 'parseCsrWithPem', [new Uint8Array([0x30, 0]), 'warm-up.csr']);
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

describe('browser mode with hostile input, parsed off its event loop within the limit', () => {
  it('saml.check: a response nested 40,000 deep (a namespace per level) is stopped, and another request is answered meanwhile', async () => {
    const hostile = deeplyNestedResponse();
    const reply = await meanwhile(() =>
      call('saml.check', {
        samlResponse: Buffer.from(hostile).toString('base64'),
        idpFileBase64: Buffer.from(idpCertPem).toString('base64'),
        idpEntityId: 'http://adfs.example.com/adfs/services/trust',
        siteUrl: 'https://meet.example.com',
        binding: 'POST',
      }),
    );
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('invalid-input');
    expect(reply.error?.message).toMatch(/^The SAML response \([\d,]+ KB\) took longer than 2 s to read and was stopped; a response from an IdP is checked in well under a second/);
    expect(reply.error?.hint).toMatch(/exactly as the IdP posted it/);
  }, 60_000);

  it('idp.import: metadata nested 40,000 deep (a namespace per level) is stopped, and another request is answered meanwhile', async () => {
    const reply = await meanwhile(() => call('idp.import', { profileId, text: deeplyNestedMetadata() }));
    expect(reply.ok).toBe(false);
    expect(reply.error?.field).toBe('text');
    expect(reply.error?.message).toMatch(/^The IdP metadata \([\d,]+ KB\) took longer than 2 s to read and was stopped/);
    expect(reply.error?.message).toContain('Download FederationMetadata.xml again');
  }, 60_000);

  for (const channel of ['csr.record', 'csr.inspect'] as const) {
    it(`${channel}: a CSR of 60,000 BEGIN lines is stopped, and another request is answered meanwhile`, async () => {
      const file = { name: 'begin-lines.csr', base64: hostileCsr.toString('base64') };
      const reply = await meanwhile(() => call(channel, channel === 'csr.record' ? { profileId, file } : { file }));
      expect(reply.ok).toBe(false);
      expect(reply.error).toEqual({
        code: 'invalid-input',
        message: '"begin-lines.csr" took longer than 2 s to read and was stopped; no certificate request needs that long.',
        hint: 'Download the CSR again from the site (Settings > Security > Certificate > SSL Certificate > More Options > Download CSR), or generate a new one.',
        field: 'begin-lines.csr',
      });
    }, 60_000);
  }

  // 4 MB of sibling elements would build a 900 MB tree: past the parser worker's 512 MB, where Node may end the
  // whole process instead of the worker (nodejs/node#47224). Refused from a count, before any parsing.
  it('idp.import and saml.check: a million elements are refused at once, naming the count, and the server goes on', async () => {
    const wide = `<EntityDescriptor entityID="http://adfs.example.com/adfs/services/trust" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${'<a/>'.repeat(1_000_000)}</EntityDescriptor>`;
    const imported = await call('idp.import', { profileId, text: wide });
    expect(imported.ok).toBe(false);
    expect(imported.error?.message).toMatch(/^The IdP metadata has about 1,000,00\d elements and attributes, more than the 200,000 allowed \(a real one has a few thousand at most\); it was not parsed\.$/);
    const checked = await call('saml.check', {
      samlResponse: Buffer.from(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<a/>'.repeat(1_000_000)}</samlp:Response>`).toString('base64'),
      idpFileBase64: Buffer.from(idpCertPem).toString('base64'),
      siteUrl: 'https://meet.example.com',
      binding: 'POST',
    });
    expect(checked.ok).toBe(true);
    const { report } = checked.value as { report: { signsIn: boolean; findings: { ssoCode: number | null; actual: string | null; explanation: string }[] } };
    expect(report.signsIn).toBe(false);
    expect(report.findings[0]).toMatchObject({ ssoCode: 6, actual: 'too-large' });
    expect(report.findings[0]?.explanation).toMatch(/^The SAML response has about 1,000,00\d elements and attributes/);
    expect((await call('profile.list', {})).ok).toBe(true);
  }, 60_000);

  it('the same server still reads a real CSR and real metadata afterwards', async () => {
    const dir = tempDir();
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'site.key'), '-subj', '/CN=meet.example.com', '-addext', 'subjectAltName=DNS:meet.example.com', '-out', path.join(dir, 'site.csr')], { stdio: 'ignore' });
    const csr = await call('csr.inspect', { file: { name: 'site.csr', base64: (await fs.readFile(path.join(dir, 'site.csr'))).toString('base64') } });
    expect(csr.ok).toBe(true);
    expect((csr.value as { sans: string[] }).sans).toEqual(['meet.example.com']);
    const idp = await call('idp.import', { profileId, text: idpCertPem });
    expect(idp.ok).toBe(true);
  }, 60_000);
});

describe('the test sign-in\'s check', () => {
  it('a captured response the check cannot finish is reported as not signing in, with the reason', async () => {
    const now = new Date('2026-01-01T00:01:00Z');
    const report = await samlSigninEngine(limited).validate({
      samlResponse: Buffer.from(deeplyNestedResponse()).toString('base64'),
      binding: 'POST',
      sp: { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' },
      idp: { entityId: 'http://adfs.example.com/adfs/services/trust', certificatesPem: [idpCertPem] },
      now,
    });
    expect(report.signsIn).toBe(false);
    expect(report.summary).toMatch(/^The SAML response \([\d,]+ KB\) took longer than 2 s to read and was stopped/);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ check: 'response-structure', severity: 'error', field: 'SAMLResponse' });
    expect(report.decoded.checkedAt).toBe(now.toISOString());
  }, 60_000);
});
