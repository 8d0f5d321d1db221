/**
 * The signin.* channels through the real core (dispatcher, schemas, state) with a real Chromium and a real
 * SimpleSAMLphp: what the renderer sees before any IdP exists, while a run waits, after a cancel, and in the
 * history and its export. The full sign-in with typed credentials is in test/e2e/signin.spec.ts.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../main/app/core/create-core.js';
import { liveBrowserCount } from '../../../../main/domains/signin/browser-launcher.js';
import type { Result } from '../../../../shared/result.js';
import { startSimpleSamlIdp, type SimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { testOutside } from '../../../support/test-outside.js';

let dataDir: string;
let core: Core;
let idp: SimpleSamlIdp | undefined;
const previousHeadless = process.env['SSO_WIZARD_SIGNIN_HEADLESS'];

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await core.dispatch(channel, input)) as Result<T>;
}
async function must<T>(channel: string, input: unknown): Promise<T> {
  const result = await call<T>(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  // No display here: the sign-in browser runs headless (the test-only switch browser mode reads).
  process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = '1';
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-signin-core-'));
  core = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir });
});
afterAll(async () => {
  await idp?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
  if (previousHeadless === undefined) delete process.env['SSO_WIZARD_SIGNIN_HEADLESS'];
  else process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = previousHeadless;
});

describe('signin.* through the core', () => {
  let profileId: string;

  it('before an IdP is imported: readiness says so, and start refuses with the metadata hint', async () => {
    profileId = (await must<{ id: string }>('profile.create', { name: 'Production', siteUrl: 'https://meet.example.test' })).id;
    const ready = await must<{ browser: { available: boolean; name: string }; idp: { configured: boolean; message: string } }>('signin.readiness', { profileId });
    expect(ready.browser).toMatchObject({ available: true, name: 'Chromium' });
    expect(ready.idp.configured).toBe(false);
    const started = await call('signin.start', { profileId, initiation: 'sp' });
    expect(started.ok).toBe(false);
    if (!started.ok) {
      expect(started.error).toMatchObject({ code: 'invalid-input', field: 'profileId' });
      expect(started.error.hint).toContain('FederationMetadata.xml');
    }
  });

  it('rejects bad input by field: unknown profile, bad run ID, out-of-range timeout', async () => {
    const unknown = await call('signin.start', { profileId: '00000000-0000-0000-0000-000000000000', initiation: 'sp' });
    expect(!unknown.ok && unknown.error.code).toBe('not-found');
    const badRun = await call('signin.status', { runId: 'nope' });
    expect(!badRun.ok && badRun.error.field).toBe('runId');
    const noRun = await call('signin.status', { runId: '00000000-0000-0000-0000-000000000000' });
    expect(!noRun.ok && noRun.error.code).toBe('not-found');
    const timeout = await call('signin.start', { profileId, initiation: 'sp', timeoutSeconds: 0 });
    expect(!timeout.ok && timeout.error.field).toBe('timeoutSeconds');
  });

  it('a run waits at the real IdP, refuses a second one, cancels cleanly and lands in the history and its export', async () => {
    const { xml } = await must<{ xml: string }>('saml.spMetadata', { profileId });
    idp = await startSimpleSamlIdp({ spMetadataXml: xml });
    await must('idp.import', { profileId, text: idp.metadataXml });
    const ready = await must<{ idp: { configured: boolean; ssoUrl: string }; defaultIdpInitiatedUrl: string }>('signin.readiness', { profileId });
    expect(ready.idp).toMatchObject({ configured: true, ssoUrl: idp.ssoUrl });
    expect(ready.defaultIdpInitiatedUrl).toBe(`${idp.ssoUrl}?spentityid=${encodeURIComponent('https://meet.example.test')}`);

    const baseline = liveBrowserCount();
    const { runId } = await must<{ runId: string }>('signin.start', { profileId, initiation: 'sp', timeoutSeconds: 600 });
    type Status = { state: string; events: { seq: number; message: string }[]; result: { outcome: string; message: string } | null };
    let status = await must<Status>('signin.status', { runId });
    for (let i = 0; i < 100 && status.state !== 'waiting'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await must<Status>('signin.status', { runId });
    }
    expect(status.events.map((e) => e.message)).toContain(`Waiting for you to sign in at ${new URL(idp.baseUrl).host}…`);
    const later = await must<Status>('signin.status', { runId, after: status.events.at(-1)?.seq ?? 0 });
    expect(later.events).toEqual([]);

    const second = await call('signin.start', { profileId, initiation: 'sp' });
    expect(!second.ok && second.error.code).toBe('conflict');

    const cancelled = await must<Status>('signin.cancel', { runId });
    expect(cancelled.result).toMatchObject({ outcome: 'cancelled' });
    expect(liveBrowserCount()).toBe(baseline);

    const history = await must<{ entries: { runId: string; outcome: string; idp: string; resultKept: boolean }[] }>('signin.history', { profileId });
    expect(history.entries[0]).toMatchObject({ runId, outcome: 'cancelled', idp: idp.entityId, resultKept: true });
    // The run's result stays openable from its history row after the run has left memory (issue 18 item 6).
    const opened = await must<{ entry: { runId: string }; result: { outcome: string; message: string } }>('signin.result', { profileId, runId });
    expect(opened).toMatchObject({ entry: { runId }, result: { outcome: 'cancelled', message: cancelled.result?.message } });
    const unknownRun = await call('signin.result', { profileId, runId: 'not-a-run' });
    expect(!unknownRun.ok && unknownRun.error).toMatchObject({ code: 'not-found', field: 'runId' });
    expect(!unknownRun.ok && unknownRun.error.message).toContain('not-a-run');
    const csv = await must<{ fileName: string; content: string }>('signin.exportHistory', { profileId, format: 'csv' });
    expect(csv.fileName).toBe('signin-history-meet.example.test.csv');
    expect(csv.content.split('\r\n')[1]).toContain(',cancelled,');
    const json = await must<{ content: string }>('signin.exportHistory', { profileId });
    expect(JSON.parse(json.content)).toMatchObject({ profile: 'Production', entries: [{ runId }] });
  });
});
