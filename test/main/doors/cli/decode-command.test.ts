import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fc from 'fast-check';
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

  // The certificate in KeyInfo verifies but is neither configured nor in IdP metadata (only --idp-cert was given): unknown, 23.
  it('exits 1 naming error 23 and both certificates when the configured certificate is another one; JSON carries the report', async () => {
    const result = await cli([...base(), '--idp-cert', path.join(dir, 'wrong.crt'), '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out);
    expect(json.ok).toBe(true);
    expect(json.value.signsIn).toBe(false);
    expect([...new Set(json.value.findings.map((f: { ssoCode: number }) => f.ssoCode))]).toEqual([23]);
    expect(json.value.findings[0].actual).toMatch(/certificate in KeyInfo, .*SHA-256 [0-9A-F:]{95}/);
    expect(json.value.findings[0].expected).toMatch(/SHA-256 [0-9A-F:]{95}/);
    expect(json.value.findings[0].fixStep).toBe('idp-certificate');
  });

  it('a file that is missing or a folder is bad usage (exit 2) saying so in words, not as an error code', async () => {
    const missing = await cli([...base(), '--idp-cert', path.join(dir, 'no-such.crt')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`Cannot read the IdP file "${path.join(dir, 'no-such.crt')}": there is no such file. Check the path.`);
    const folder = await cli(['--response', dir, '--site-url', SITE, '--idp-cert', path.join(dir, 'idp.crt')]);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('that is a folder, not a file');
    expect(`${missing.err}${folder.err}`).not.toMatch(/ENOENT|EISDIR/);
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
    expect(source).toMatch(/callCore\(context, 'saml\.decode'/);
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

// Issue 17: a script with many captured responses pays the start-up once, not once per file.
describe('sso-wizard decode of several responses in one run', () => {
  const idp = () => ['--site-url', SITE, '--acs-url', ACS, '--now', capturedAt, '--idp-metadata', path.join(dir, 'idp-metadata.xml'), '--request-id', requestId];
  const files = () => ({ good: path.join(dir, 'response.b64'), copy: path.join(dir, 'batch-copy.b64'), junk: path.join(dir, 'batch-junk.txt'), empty: path.join(dir, 'batch-empty.b64') });
  beforeAll(() => {
    const f = files();
    writeFileSync(f.copy, readFileSync(f.good));
    writeFileSync(f.junk, 'hello, I am not a SAML response');
    writeFileSync(f.empty, '');
  });

  it('checks each file (--response repeated, or files after the options) under its own name, then counts; all good exits 0', async () => {
    const f = files();
    const result = await cli([...idp(), '--response', f.good, f.copy]);
    expect(result.code).toBe(0);
    const sections = result.out.split(/^== /m).slice(1);
    expect(sections.map((section) => section.split('\n')[0])).toEqual([f.good, f.copy]);
    for (const section of sections) expect(section).toMatch(/^OK: Would sign in as alice@example.com\./m);
    expect(result.out.trimEnd().split('\n').at(-1)).toBe('Checked 2 responses: 2 would sign in, 0 would not.');
  });

  it('one file that would fail makes the run exit 1, and its findings stay under its name; the others are still checked', async () => {
    const f = files();
    const result = await cli([...idp(), f.junk, f.good]);
    expect(result.code).toBe(1);
    const [junk, good] = result.out.split(/^== /m).slice(1);
    expect(junk).toMatch(/^FAILED: Would fail with error 6 /m);
    expect(good).toMatch(/^OK: /m);
    expect(result.out).toContain('Checked 2 responses: 1 would sign in, 1 would not.');
  });

  it('an empty file cannot be checked: exit 2, said under its name, the others still reported; JSON has one entry per file in order', async () => {
    const f = files();
    const text = await cli([...idp(), f.good, f.empty]);
    expect(text.code).toBe(2);
    expect(text.out).toContain(`== ${f.empty}\nNOT CHECKED: the file is empty.`);
    expect(text.out).toContain('Checked 2 responses: 1 would sign in, 0 would not, 1 could not be checked.');
    const json = await cli([...idp(), '--json', f.junk, f.good, f.empty]);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.out) as { ok: boolean; value: { file: string; report?: { signsIn: boolean }; refused?: string }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.value.map((entry) => [entry.file, entry.report?.signsIn ?? null, entry.refused ?? null])).toEqual([
      [f.junk, false, null],
      [f.good, true, null],
      [f.empty, null, 'the file is empty.'],
    ]);
  });

  it('an unreadable file stops the run before anything is checked (exit 2); standard input can be given once only', async () => {
    const f = files();
    const missing = await cli([...idp(), f.good, path.join(dir, 'no-such.b64')]);
    expect(missing.code).toBe(2);
    expect(missing.out).toBe('');
    expect(missing.err).toContain(`Cannot read the response "${path.join(dir, 'no-such.b64')}": there is no such file.`);
    const twice = await cli([...idp(), '-', '--response', '-']);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/^ERROR: Standard input \(-\) can be read once/);
  });

  // Property: a run over several files says, for each file, exactly what a run over that file alone says.
  it('fuzzed: each section of a batch is the single-file report of that file, in order, and the exit is the worst', async () => {
    const good = readFileSync(files().good, 'utf8').trim();
    const damage = fc.oneof(
      fc.constant((text: string) => text),
      fc.record({ at: fc.nat(), by: fc.constantFrom('A', '+', '/', '=', '%', ' ', '<') }).map(({ at, by }) => (text: string) => `${text.slice(0, at % text.length)}${by}${text.slice((at % text.length) + 1)}`),
      fc.nat().map((at) => (text: string) => text.slice(0, at % text.length)),
      fc.constant((text: string) => Buffer.from(Buffer.from(text, 'base64').toString('utf8').replace('alice@example.com', 'mallory@example.com')).toString('base64')),
      fc.constant(() => ''),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 2, maxLength: 4 }), async (damages) => {
        const paths = damages.map((change) => {
          const file = path.join(dir, `fuzz-${n++}.b64`);
          writeFileSync(file, change(good));
          return file;
        });
        const batch = await cli([...idp(), ...paths]);
        const sections = batch.out.split(/^== /m).slice(1);
        expect(sections.map((section) => section.split('\n')[0])).toEqual(paths);
        let worst = 0;
        for (const [index, file] of paths.entries()) {
          const body = (sections[index] ?? '').split('\n').slice(1).join('\n').replace(/\n\nChecked \d+ responses: .*$/s, '').trimEnd();
          const alone = await cli([...idp(), file]);
          if (readFileSync(file).length === 0) {
            expect(body).toBe('NOT CHECKED: the file is empty.');
            worst = 2;
          } else {
            // --now is given, so both runs print the same times.
            expect(body).toBe(alone.out.trimEnd());
            worst = Math.max(worst, alone.code);
          }
        }
        expect(batch.code).toBe(worst);
        expect(batch.err).not.toMatch(/\bat \w+ \(|node:internal/);
      }),
      { numRuns: 12, seed: 17 },
    );
  });

  it('one response alone prints exactly what it always did: no header, no count', async () => {
    const result = await cli([...idp(), files().good]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^OK: Would sign in as alice@example.com\./);
    expect(result.out).not.toMatch(/^== |Checked \d+ responses/m);
  });
});

// Issue 18, item 17: the active profile already holds the IdP, the site URL, the SP entity ID and the ACS URL.
describe('sso-wizard decode with a profile', () => {
  let data = '';
  async function inProfile(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
    const code = await runCli([...args, '--data-dir', data], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeAll(async () => {
    data = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-decode-profile-'));
    expect((await inProfile(['profile', 'add', '--name', 'Prod', '--site-url', SITE, '--acs-url', ACS])).code).toBe(0);
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('without an IdP in the profile nor --idp-*: bad usage (exit 2) naming the options and the way to import it', async () => {
    const result = await inProfile(['decode', '--response', path.join(dir, 'response.b64')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^ERROR: The profile "Prod" has no IdP yet: give --idp-metadata FILE .* or --idp-cert FILE/);
  });

  it('takes the IdP, the site URL and the ACS URL from the active profile: only --response is needed', async () => {
    const { createCore } = await import('../../../../main/app/core/create-core.js');
    const { testOutside } = await import('../../../support/test-outside.js');
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: data });
    const listed = (await core.dispatch('profile.list', {})) as { ok: true; value: { profiles: { id: string }[] } };
    const profileId = listed.value.profiles[0]?.id ?? '';
    expect((await core.dispatch('idp.import', { profileId, text: readFileSync(path.join(dir, 'idp-metadata.xml'), 'utf8') })).ok).toBe(true);

    const result = await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--now', capturedAt, '--request-id', requestId]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe(`Checking against the profile "Prod" (${SITE}).`);
    expect(result.out).toMatch(/^OK: Would sign in as alice@example.com\./);
    expect(result.out).toMatch(/Recipient\s+https:\/\/meet\.example\.com\/sso\/acs/);

    // --profile names it as well as the active one does.
    expect((await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--now', capturedAt, '--profile', 'prod'])).code).toBe(0);
  });

  it('options override the profile: the same values still sign in; another ACS URL fails the Recipient check; another IdP certificate, the signature', async () => {
    const same = await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--now', capturedAt, '--sp-entity-id', SITE, '--request-id', requestId]);
    expect(same.code, same.out).toBe(0);
    expect(same.err).not.toContain('NOTE:'); // the profile's IdP entity ID was used, so the issuer was checked


    const acs = await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--now', capturedAt, '--acs-url', 'https://meet.example.com/other/acs']);
    expect(acs.code).toBe(1);
    expect(acs.err).toContain('with the options given overriding it');
    expect(acs.out).toMatch(/^FAILED: /);
    expect(acs.out).toContain('https://meet.example.com/other/acs');

    const cert = await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--now', capturedAt, '--idp-cert', path.join(dir, 'wrong.crt'), '--json']);
    expect(cert.code).toBe(1);
    expect(JSON.parse(cert.out).value.findings.map((f: { ssoCode: number | null }) => f.ssoCode)).toContain(23);
  });

  it('a profile that does not exist is "not found" (exit 1); no profile and no options is bad usage naming both options', async () => {
    const missing = await inProfile(['decode', '--response', path.join(dir, 'response.b64'), '--profile', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No profile has the ID or name "nope"/);

    const empty = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-decode-none-'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['decode', '--response', path.join(dir, 'response.b64'), '--data-dir', empty], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(/^ERROR: No profile is active to take the IdP and the site from: give --idp-metadata FILE \(or --idp-cert FILE\) and --site-url URL/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
