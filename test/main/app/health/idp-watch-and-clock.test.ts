/**
 * The IdP signing-certificate watch against SimpleSAMLphp publishing a second signing certificate (its
 * new_certificate setting): the watch reports it, with the date it likely takes over, and that the site does not
 * have it; after "IdP certificate for the site" saves the new one, the same check passes. Metadata that is not
 * metadata, or whose signature does not verify, is an error. The clock check: a loopback HTTPS site and a
 * loopback metadata server whose Date headers are 10 minutes off are reported with code 19.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthRun } from '../../../../shared/api/health-schemas.js';
import { createCore, type Core } from '../../../../main/app/core/create-core.js';
import { makeKeyPair, startSimpleSamlIdp, type SimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { testOutside } from '../../../support/test-outside.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';
import { runCliCaptured } from '../../../support/run-cli.js';

let dir: string;
let idp: SimpleSamlIdp;
let core: Core;
let ca: TestCa;
let nextPem = '';
const closers: (() => void)[] = [];
const at = (name: string) => path.join(dir, name);

const cli = (args: string[]) => runCliCaptured(['--data-dir', at('data'), ...args]);

async function checkJson(args: string[]): Promise<{ code: number; run: HealthRun }> {
  const result = await cli(['check', '--json', ...args]);
  return { code: result.code, run: (JSON.parse(result.out) as { value: { runs: HealthRun[] } }).value.runs[0] as HealthRun };
}

async function profileId(name: string): Promise<string> {
  const listed = (await core.dispatch('profile.list', {})) as { ok: true; value: { profiles: { id: string; name: string }[] } };
  return listed.value.profiles.find((p) => p.name === name)?.id ?? '';
}

const idpFindings = (run: HealthRun) => run.findings.filter((f) => f.check === 'idp-signing');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-health-idp-'));
  ca = await createTestCa();
  core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: at('data') });
  // The successor outlives the current certificate (SimpleSAMLphp's own is valid 3650 days).
  nextPem = makeKeyPair(dir, 'next', '/CN=idp next signing', 3700).certPem;
  idp = await startSimpleSamlIdp({ spMetadataXml: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://meet.example.test"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://meet.example.test/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>', hosted: { newCertificatePem: nextPem } });
  expect((await cli(['profile', 'add', '--name', 'Rollover', '--site-url', 'https://meet.example.test'])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  for (const close of closers) close();
  await idp?.stop();
  await ca?.cleanup();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('IdP signing-certificate watch against SimpleSAMLphp with new_certificate', () => {
  it('reports the second certificate, when it likely takes over, that the site lacks it; passes once the site has it', async () => {
    const id = await profileId('Rollover');
    const imported = await core.dispatch('idp.import', { profileId: id, url: `${idp.baseUrl}saml2/idp/metadata.php` });
    expect(imported.ok).toBe(true);
    const current = new X509Certificate(idp.certificatePem).fingerprint256;
    const next = new X509Certificate(nextPem).fingerprint256;
    expect((await core.dispatch('idp.saveSiteCertificate', { profileId: id, sha256Fingerprint: current })).ok).toBe(true);

    const before = await checkJson(['--profile', 'Rollover', '--connect-to', '127.0.0.1:1']);
    expect(before.code).toBe(1);
    const rollover = idpFindings(before.run).find((f) => f.id === `idp:rollover:${next}`);
    expect(rollover?.severity).toBe('warning');
    expect(rollover?.fact).toMatch(/A second signing certificate is published: CN=idp next signing/);
    expect(rollover?.fact).toMatch(/The site does not have it\. The IdP will sign with a certificate the site does not have from about \d{4}-\d\d-\d\d/);
    expect(rollover?.fact).toMatch(/CertificatePromotionThreshold = 5 days .* CertificateGenerationThreshold = 20 days/);
    expect(rollover).toMatchObject({ fixTarget: 'idp-certificate', ssoErrorCodes: [8, 23] });
    expect(Date.parse(rollover?.actBy ?? '')).toBeGreaterThan(Date.now());
    // Every signing certificate gets its expiry line; the IdP's clock is read from its metadata URL.
    expect(before.run.findings.filter((f) => f.check === 'expiry' && f.subject.startsWith('IdP signing certificate'))).toHaveLength(2);
    expect(before.run.findings.find((f) => f.id.startsWith('clock:idp:'))?.severity).toBe('ok');

    const human = await cli(['check', '--profile', 'Rollover', '--connect-to', '127.0.0.1:1']);
    expect(human.out).toMatch(/WARNING idp-signing +IdP signing certificates: A second signing certificate/);
    expect(human.out).toMatch(/where: +sso-wizard idp-certificate \(the IdP's token-signing certificate for the site's SSO settings\)/);

    // A certificate file for the site instead of the record: the same answer.
    await fs.writeFile(at('site-idp.cer'), idp.certificatePem);
    const fromFile = await checkJson(['--profile', 'Rollover', '--connect-to', '127.0.0.1:1', '--site-idp-cert', at('site-idp.cer')]);
    expect(idpFindings(fromFile.run).find((f) => f.id === `idp:rollover:${next}`)?.fact).toMatch(/The site does not have it/);

    expect((await core.dispatch('idp.saveSiteCertificate', { profileId: id, sha256Fingerprint: next })).ok).toBe(true);
    const after = await checkJson(['--profile', 'Rollover', '--connect-to', '127.0.0.1:1']);
    expect(idpFindings(after.run).map((f) => f.severity)).not.toContain('warning');
    expect(idpFindings(after.run).map((f) => f.severity)).not.toContain('error');
    expect(idpFindings(after.run).find((f) => f.id === 'idp:site-has-current')?.fact).toMatch(/The site trusts CN=idp next signing/);
  });
});

describe('bad metadata and the clocks', () => {
  let body = '';
  let offsetMs = 0;
  let metadataUrl = '';

  beforeAll(async () => {
    body = idp.metadataXml;
    const server = http.createServer((_request, response) => {
      response.setHeader('date', new Date(Date.now() + offsetMs).toUTCString());
      response.setHeader('content-type', 'application/samlmetadata+xml');
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/FederationMetadata/2007-06/FederationMetadata.xml`;
    expect((await cli(['profile', 'add', '--name', 'Clock', '--site-url', 'https://meet.example.test'])).code).toBe(0);
    expect((await core.dispatch('idp.import', { profileId: await profileId('Clock'), url: metadataUrl })).ok).toBe(true);
  });

  it('a metadata URL that no longer serves metadata, or a signature that does not verify: an error, not a skip', async () => {
    body = '<html><body>Service unavailable</body></html>';
    const broken = await checkJson(['--profile', 'Clock', '--connect-to', '127.0.0.1:1']);
    expect(idpFindings(broken.run).find((f) => f.id === 'idp:metadata-format')?.severity).toBe('error');
    body = idp.metadataXml.replace(/(<md:EntityDescriptor[^>]*>)/, '$1<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>');
    const unsigned = await checkJson(['--profile', 'Clock', '--connect-to', '127.0.0.1:1']);
    const signature = idpFindings(unsigned.run).find((f) => f.id === 'idp:metadata-signature');
    expect(signature?.severity).toBe('error');
    expect(signature?.fact).toMatch(/signature does not verify/);
    body = idp.metadataXml;
  });

  it('the IdP and the site 10 minutes off: code 19 for each, with both clocks', async () => {
    offsetMs = -10 * 60_000;
    const site = opensslCsr(ca.dir, 'clock-site', '/CN=meet.example.test');
    const server = https.createServer({ key: await fs.readFile(site.keyFile), cert: (await ca.sign(site.csrPem)) + ca.intermediatePem }, (_request, response) => {
      response.setHeader('date', new Date(Date.now() + 10 * 60_000).toUTCString());
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const node = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { code, run } = await checkJson(['--profile', 'Clock', '--connect-to', node, '--fail-on', 'error']);
    expect(code).toBe(1);
    const idpClock = run.findings.find((f) => f.id.startsWith('clock:idp:'));
    expect(idpClock).toMatchObject({ severity: 'error', ssoErrorCodes: [19] });
    expect(idpClock?.fact).toMatch(/^10 minutes behind this computer .*beyond the 180 s tolerance/);
    const siteClock = run.findings.find((f) => f.id === `clock:site:${node}:skew`);
    expect(siteClock).toMatchObject({ severity: 'error', ssoErrorCodes: [19] });
    expect(siteClock?.fact).toMatch(/^10 minutes ahead of this computer/);
    offsetMs = 0;
    const fine = await checkJson(['--profile', 'Clock', '--connect-to', node]);
    expect(fine.run.findings.find((f) => f.id.startsWith('clock:idp:'))?.severity).toBe('ok');
  });
});
