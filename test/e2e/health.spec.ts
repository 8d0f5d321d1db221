/**
 * The Health panel on the start page, end to end in browser mode: a real SimpleSAMLphp publishing a second
 * signing certificate (imported by its metadata URL, the site trusting the current one) and a real HTTPS node on
 * loopback serving the site certificate without its intermediate. The panel runs when the profile opens, shows
 * the time of the run, each problem with its fix button (a step, or the "IdP certificate for the site" panel),
 * keeps the node list, and passes axe in both themes and at 320 px.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { makeKeyPair, startSimpleSamlIdp, type SimpleSamlIdp } from '../support/simplesamlphp';
import { createTestCa, opensslCsr, type TestCa } from '../main/domains/certs/test-ca';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';
import { callApi, createProfile } from './support/signin-harness';

let data: ReturnType<typeof makeDataDir>;
let wizard: RunningWizard | undefined;
let idp: SimpleSamlIdp | undefined;
let ca: TestCa | undefined;
let server: https.Server | undefined;

test.afterEach(async () => {
  server?.close();
  await idp?.stop();
  await wizard?.stop();
  await ca?.cleanup();
  data.remove();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Health panel runs on open, lists each problem with its fix, keeps nodes (${colorScheme})`, async ({ browser }) => {
    test.setTimeout(120_000);
    data = makeDataDir();
    wizard = await startWizard(data.dir);
    const profile = await createProfile(wizard);
    ca = await createTestCa();
    const site = opensslCsr(ca.dir, 'site', '/CN=meet.example.test');
    server = https.createServer({ key: await fs.readFile(site.keyFile), cert: await ca.sign(site.csrPem) }, (_request, response) => response.end());
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const node = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    await callApi(wizard, 'health.setNodes', { profileId: profile.id, nodes: [node] });

    const next = makeKeyPair(data.dir, 'next', '/CN=idp next signing', 3700).certPem;
    const { xml } = await callApi<{ xml: string }>(wizard, 'saml.spMetadata', { profileId: profile.id });
    idp = await startSimpleSamlIdp({ spMetadataXml: xml, hosted: { newCertificatePem: next } });
    await callApi(wizard, 'idp.import', { profileId: profile.id, url: `${idp.baseUrl}saml2/idp/metadata.php` });
    await callApi(wizard, 'idp.saveSiteCertificate', { profileId: profile.id, sha256Fingerprint: new X509Certificate(idp.certificatePem).fingerprint256 });

    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(wizard.url);
    const panel = page.getByRole('region', { name: 'Health check' });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(/^Last run: /)).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole('button', { name: 'Run the check now' })).toBeEnabled();
    await expect(panel.getByText(/The chain is incomplete: 1 certificate sent/)).toBeVisible();
    await expect(panel.getByText(/A second signing certificate is published: CN=idp next signing/)).toBeVisible();
    await expect(panel.getByText(/No good state is kept yet/)).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Fix in step 2, Import certificate' }).first()).toBeVisible();
    await panel.screenshot({ path: test.info().outputPath(`health-panel-${colorScheme}.png`) });
    await expectNoAxeViolations(page);

    await panel.getByRole('button', { name: 'Fix: IdP certificate for the site' }).first().click();
    const idpPanel = panel.getByRole('region', { name: 'IdP certificate for the site' });
    await expect(idpPanel.getByRole('heading', { name: 'IdP certificate for the site' })).toBeFocused();
    await expectNoAxeViolations(page);

    // The node list is kept; a bad node is named, not saved.
    await panel.getByText('Nodes behind a load balancer').click();
    const nodes = panel.getByLabel('Nodes (HOST:PORT, one per line)');
    await expect(nodes).toHaveValue(node);
    await nodes.fill('not-a-node');
    await panel.getByRole('button', { name: 'Save the nodes' }).click();
    await expect(panel.getByText(/Give a node as HOST:PORT/)).toBeVisible();
    await expect(nodes).toHaveAttribute('aria-invalid', 'true');
    await nodes.fill(node);
    await panel.getByRole('button', { name: 'Save the nodes' }).click();
    await expect(panel.getByText('1 node kept; the next run checks each.')).toBeVisible();

    // On demand: the run again, with the same problems (nothing new since the previous run).
    await panel.getByRole('button', { name: 'Run the check now' }).click();
    await expect(panel.getByRole('button', { name: 'Run the check now' })).toBeEnabled({ timeout: 30_000 });
    await expect(panel.getByText(/new since the previous run/)).toHaveCount(0);

    await page.setViewportSize({ width: 320, height: 900 });
    await expect(panel).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The axe helper leaves the page without a colour-scheme override: put this test's theme back for the picture.
    await page.emulateMedia({ colorScheme });
    const top = await panel.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    await page.screenshot({ path: test.info().outputPath(`health-panel-320-${colorScheme}.png`), fullPage: true, clip: { x: 0, y: top, width: 320, height: 1500 } });
    await expectNoAxeViolations(page);
    await context.close();
  });
}
