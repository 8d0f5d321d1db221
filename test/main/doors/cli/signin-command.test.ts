/**
 * `sso-wizard signin` in-process (runCli with a captured terminal), with a real headless Chromium and a real
 * SimpleSAMLphp: usage errors, no IdP yet, a run that times out (nobody types the password), and the history.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { liveBrowserCount } from '../../../../main/domains/signin/browser-launcher.js';
import { startSimpleSamlIdp, type SimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { testOutside } from '../../../support/test-outside.js';

let dir: string;
let idp: SimpleSamlIdp | undefined;
const previousHeadless = process.env['SSO_WIZARD_SIGNIN_HEADLESS'];

async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env };
  const code = await runCli(['--data-dir', path.join(dir, 'data'), ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = '1';
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-signin-cli-'));
  expect((await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.test'])).code).toBe(0);
});
afterAll(async () => {
  await idp?.stop();
  await fs.rm(dir, { recursive: true, force: true });
  if (previousHeadless === undefined) delete process.env['SSO_WIZARD_SIGNIN_HEADLESS'];
  else process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = previousHeadless;
});

describe('sso-wizard signin', () => {
  it.each([
    [['signin', '--url', 'https://idp.example/x'], /--url names where an IdP-initiated sign-in starts/],
    [['signin', '--csv'], /--csv goes with --history/],
    [['signin', '--timeout', '0'], /--timeout must be a whole number of seconds from 1 to 3600, not "0"/],
    [['signin', '--bogus'], /Unknown option '--bogus'/],
  ])('%j is a usage error', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('without an IdP: says to import its metadata, exit 2', async () => {
    const result = await cli(['signin']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('ERROR [profileId]: No identity provider is set up for this profile yet');
    expect(result.err).toContain('FederationMetadata.xml');
  });

  it('a sign-in nobody completes times out with exit 1, closes the browser, and is in the history', async () => {
    const data = path.join(dir, 'data');
    const { createCore } = await import('../../../../main/app/core/create-core.js');
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: data });
    const listed = (await core.dispatch('profile.list', {})) as { ok: true; value: { profiles: { id: string }[] } };
    const profileId = listed.value.profiles[0]?.id ?? '';
    const sp = (await core.dispatch('saml.spMetadata', { profileId })) as { ok: true; value: { xml: string } };
    idp = await startSimpleSamlIdp({ spMetadataXml: sp.value.xml });
    expect((await core.dispatch('idp.import', { profileId, text: idp.metadataXml })).ok).toBe(true);

    const baseline = liveBrowserCount();
    const result = await cli(['signin', '--timeout', '1']);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`Waiting for you to sign in at ${new URL(idp.baseUrl).host}…`);
    expect(result.out).toContain('FAILED: No SAML response arrived within 1 second; the sign-in window was closed.');
    expect(liveBrowserCount()).toBe(baseline);

    const listedRuns = await cli(['signin', '--history']);
    expect(listedRuns.code).toBe(0);
    expect(listedRuns.out).toMatch(/ SP +timeout +http:\/\/127\.0\.0\.1:\d+\/saml2\/idp\/metadata\.php/);
    const csv = await cli(['signin', '--history', '--csv', '--json']);
    expect(JSON.parse(csv.out).value.content).toContain(',timeout,');
  });

  // Issue 18, item 16: the environment's exit code, and the CLI's words (no "press Test sign-in again").
  it.runIf(process.platform === 'linux')('without a display: exit 3, says so in CLI words', async () => {
    const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, SSO_WIZARD_SIGNIN_HEADLESS: _headless, ...env } = process.env;
    const result = await cli(['signin', '--timeout', '5'], env);
    expect(result.code).toBe(3);
    expect(result.out).toContain('FAILED: There is no graphical display, so the sign-in window cannot be shown.');
    expect(result.out).toContain('then run "sso-wizard signin" again');
    expect(`${result.out}${result.err}`).not.toMatch(/press Test sign-in|\bbutton\b/i);
  });
});
