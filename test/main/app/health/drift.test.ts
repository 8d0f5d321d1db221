/**
 * Drift since the last good state, end to end: a real test sign-in (real Chromium, headless, against a real
 * SimpleSAMLphp; the test types the credentials through the sign-in window's own DevTools session) that would
 * sign in keeps the good state; then the site certificate is replaced (step 2) and the IdP's signing
 * certificate changes (metadata imported again): `sso-wizard check` lists both differences, and nothing else.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthRun } from '../../../../shared/api/health-schemas.js';
import { createCore, type Core } from '../../../../main/app/core/create-core.js';
import { nodeOutside } from '../../../../main/doors/node-outside.js';
import { readHealthState } from '../../../../main/app/health/health-store.js';
import { makeKeyPair, startSimpleSamlIdp, type SimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { testOutside } from '../../../support/test-outside.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';
import { runCliCaptured } from '../../../support/run-cli.js';

let dir: string;
let ca: TestCa;
let core: Core;
let idp: SimpleSamlIdp | undefined;
const at = (name: string) => path.join(dir, name);
const previousHeadless = process.env['SSO_WIZARD_SIGNIN_HEADLESS'];

const cli = (args: string[]) => runCliCaptured(['--data-dir', at('data'), ...args]);

async function must<T>(channel: string, input: unknown): Promise<T> {
  const result = (await core.dispatch(channel, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** The real opener; on every page load the test fills SimpleSAMLphp's login form, as a person would. */
const signingInOutside = () => {
  const real = nodeOutside().signinBrowser;
  return testOutside({
    signinBrowser: {
      readiness: real.readiness,
      open: async () => {
        const browser = await real.open();
        browser.session.on('Page.loadEventFired', () => {
          void browser.session
            .send('Runtime.evaluate', { expression: "(() => { const u = document.querySelector('input[name=username]'); const p = document.querySelector('input[name=password]'); if (!u || !p) return; u.value = 'alice'; p.value = 'alice-pass'; u.form.submit(); })()" })
            .catch(() => undefined);
        });
        return browser;
      },
    },
  });
};

beforeAll(async () => {
  process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = '1';
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-health-drift-'));
  ca = await createTestCa();
  core = createCore({ frontDoor: 'cli', outside: signingInOutside(), dataDir: at('data') });
});
afterAll(async () => {
  await idp?.stop();
  await ca.cleanup();
  await fs.rm(dir, { recursive: true, force: true });
  if (previousHeadless === undefined) delete process.env['SSO_WIZARD_SIGNIN_HEADLESS'];
  else process.env['SSO_WIZARD_SIGNIN_HEADLESS'] = previousHeadless;
});

async function importSiteCertificate(name: string, replace: boolean): Promise<void> {
  const site = opensslCsr(ca.dir, name, '/CN=meet.example.test');
  await fs.writeFile(at(`${name}.csr`), site.csrPem);
  expect((await cli(['csr', '--from-site', at(`${name}.csr`)])).code).toBe(0);
  await fs.writeFile(at(`${name}.pem`), (await ca.sign(site.csrPem)) + ca.intermediatePem);
  await fs.writeFile(at('root.pem'), ca.rootPem);
  const imported = await cli(['import', at(`${name}.pem`), '--root', at('root.pem'), ...(replace ? ['--replace'] : [])]);
  expect(imported.code, imported.err + imported.out).toBe(0);
}

describe('drift since the last good state', () => {
  it('a sign-in that would sign in keeps the good state; a new site certificate and IdP certificate are both listed', async () => {
    const profileId = (await must<{ id: string }>('profile.create', { name: 'Drift', siteUrl: 'https://meet.example.test' })).id;
    await importSiteCertificate('first', false);
    const before = await cli(['check', '--json', '--connect-to', '127.0.0.1:1']);
    expect(JSON.parse(before.out).value.runs[0].findings.find((f: { id: string }) => f.id === 'drift:no-good-state')).toBeDefined();

    const { xml } = await must<{ xml: string }>('saml.spMetadata', { profileId });
    idp = await startSimpleSamlIdp({ spMetadataXml: xml });
    await must('idp.import', { profileId, text: idp.metadataXml });
    const { runId } = await must<{ runId: string }>('signin.start', { profileId, initiation: 'sp', timeoutSeconds: 120 });
    type Status = { state: string; result: { outcome: string; verdict: string | null; message: string } | null };
    let status = await must<Status>('signin.status', { runId });
    for (let i = 0; i < 600 && status.result === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await must<Status>('signin.status', { runId });
    }
    expect(status.result, JSON.stringify(status.result)).toMatchObject({ verdict: 'would-sign-in' });
    // The hook runs after the result is final: wait for the state it keeps.
    for (let i = 0; i < 100 && !(await readHealthState(at('data'), profileId)).goodState; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const kept = (await readHealthState(at('data'), profileId)).goodState;
    expect(kept?.signatureAlgorithm).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(kept?.idpEntityId).toBe(idp.entityId);

    const unchanged = await cli(['check', '--json', '--connect-to', '127.0.0.1:1']);
    expect(JSON.parse(unchanged.out).value.runs[0].findings.filter((f: { check: string }) => f.check === 'drift').map((f: { id: string }) => f.id)).toEqual(['drift:none']);

    await importSiteCertificate('second', true);
    const other = makeKeyPair(dir, 'other-idp', '/CN=other idp signing').certPem.replace(/-----[^-]+-----|\s/g, '');
    const published = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(idp.metadataXml)?.[1] ?? '';
    await must('idp.import', { profileId, text: idp.metadataXml.split(published).join(other) });

    const result = await cli(['check', '--json', '--connect-to', '127.0.0.1:1']);
    const run = JSON.parse(result.out).value.runs[0] as HealthRun;
    const drift = run.findings.filter((f) => f.check === 'drift');
    expect(drift.map((f) => f.id).sort()).toEqual(['drift:idpSigningCertificates', 'drift:siteCertificate']);
    expect(drift.find((f) => f.id === 'drift:siteCertificate')?.fact).toMatch(/^Changed since the good state of .* UTC: was [0-9A-F:]+…, now [0-9A-F:]+…\.$/);
    const human = await cli(['check', '--connect-to', '127.0.0.1:1']);
    expect(human.out).toMatch(/WARNING drift +Site certificate \(step 2\): Changed since the good state/);
    expect(human.out).toMatch(/WARNING drift +IdP signing certificates: Changed since the good state/);
  }, 120_000);
});
