import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { makeKeyPair, startSimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';

const SITE = 'https://meet.example.com';
const ACS = 'https://meet.example.com/sso/acs';
let dir = '';
let requestId = '';
let capturedAt = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-decode-cli-'));
  const idp = await startSimpleSamlIdp({ spMetadataXml: buildSpMetadata({ spEntityId: SITE, acsUrl: ACS }) });
  try {
    const request = buildAuthnRequest({ spEntityId: SITE, acsUrl: ACS, idpSsoUrl: idp.ssoUrl, now: new Date() });
    requestId = request.id;
    const login = await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
    capturedAt = new Date().toISOString();
    writeFileSync(path.join(dir, 'response.b64'), login.samlResponse);
    writeFileSync(path.join(dir, 'idp-metadata.xml'), idp.metadataXml);
    writeFileSync(path.join(dir, 'idp.crt'), idp.certificatePem);
    makeKeyPair(dir, 'wrong');
  } finally {
    await idp.stop();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const code = await runCli(['decode', ...args, '--data-dir', dir], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const base = () => ['--response', path.join(dir, 'response.b64'), '--site-url', SITE, '--acs-url', ACS, '--now', capturedAt];

describe('sso-wizard decode', () => {
  it('exits 0 and says who would sign in, with the IdP metadata', async () => {
    const result = await cli([...base(), '--idp-metadata', path.join(dir, 'idp-metadata.xml'), '--request-id', requestId]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^OK: Would sign in as alice@example.com\./);
    expect(result.out).toMatch(/firstname\s+Alice/);
  });

  it('exits 1 naming error 8 when the configured certificate is another one; JSON carries the report', async () => {
    const result = await cli([...base(), '--idp-cert', path.join(dir, 'wrong.crt'), '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out);
    expect(json.ok).toBe(true);
    expect(json.value.signsIn).toBe(false);
    expect([...new Set(json.value.findings.map((f: { ssoCode: number }) => f.ssoCode))]).toEqual([8]);
  });

  it('exits 1 with error 19 and both clocks when checked two hours later', async () => {
    const later = new Date(Date.parse(capturedAt) + 7200_000).toISOString();
    const result = await cli(['--response', path.join(dir, 'response.b64'), '--site-url', SITE, '--acs-url', ACS, '--idp-cert', path.join(dir, 'idp.crt'), '--now', later, '--skew', '60']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/error 19: SAML assertion is expired/);
    expect(result.err).toMatch(/--idp-entity-id/);
  });

  it.each([
    { name: 'not XML nor a certificate', content: 'hello, I am not metadata' },
    { name: 'binary garbage', content: Buffer.from([0x30, 0x82, 0xff, 0xff, 0x00, 0x01]) },
    { name: 'metadata without a signing certificate', content: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://idp.example"/>' },
  ])('an IdP file the core refuses ($name) exits 2 naming the option and the file', async ({ content }) => {
    const file = path.join(dir, 'hostile-idp.xml');
    writeFileSync(file, content);
    const result = await cli([...base(), '--idp-metadata', file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`ERROR: --idp-metadata ${file}: `);
    expect(result.err).not.toMatch(/\bat \w+ \(|node:internal/); // no stack trace
  });

  it('goes through the core (channel saml.check), never the SAML engine itself', () => {
    const source = readFileSync(fileURLToPath(new URL('../../../../main/doors/cli/commands/decode-command.ts', import.meta.url)), 'utf8');
    expect(source).toMatch(/callCore\(context, 'saml\.check'/);
    expect(source).not.toMatch(/from '[./]*\/domains\//);
  });

  it.each([
    { name: 'no response', args: ['--site-url', SITE, '--idp-cert', 'x'] },
    { name: 'both IdP inputs', args: ['--response', 'r', '--site-url', SITE, '--idp-cert', 'a', '--idp-metadata', 'b'] },
    { name: 'bad --now', args: ['--response', 'r', '--site-url', SITE, '--idp-cert', 'a', '--now', 'yesterday'] },
    { name: 'missing file', args: ['--response', '/nonexistent/r', '--site-url', SITE, '--idp-cert', '/nonexistent/a'] },
    { name: 'unknown option', args: ['--bogus'] },
    { name: 'http site', args: ['--response', 'r', '--site-url', 'http://x.example.com', '--idp-cert', 'a'] },
  ])('bad usage exits 2: $name', async ({ args }) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^ERROR: /);
  });
});
