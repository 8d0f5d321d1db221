/**
 * Issue 12, end to end: the vendor's own disaster-recovery procedure (the site makes the CSR and keeps its key),
 * in browser mode, with the KEYBOARD ONLY, ending in "repaired".
 *
 * openssl plays the site: it makes the key and the CSR in a folder of its own, and the wizard only ever sees the
 * CSR. A throw-away openssl CA signs it. The walk: a new profile; step 1 loads the site's CSR (file chooser
 * opened with Space); step 2 imports what the CA returned ("matches the CSR from the site", no error, no PFX)
 * and saves the chain for Import SSL Certificate and the .cer for AD FS; step 3 saves every file of the AD FS
 * bundle and exports the folder and .zip; step 4 checks the claim rules exactly as the bundle publishes them
 * and imports the metadata of a real SimpleSAMLphp IdP set up from the bundle's SP metadata; step 5 signs in
 * there ("would sign in"); the start page's checklist of the site-side actions is ticked with Space; then the
 * start page, the step list and `sso-wizard status` all say the repair is done.
 *
 * Every control is reached with Tab / Shift+Tab (tabTo) and operated with Enter, Space, arrows or typing into
 * the focused field. axe scans every step's page in the light and dark themes (expectNoAxeViolations does
 * both); the start page must reflow at 320 CSS px. The final start page is saved as a screenshot in both themes.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestCa, opensslCsr, type TestCa } from '../main/domains/certs/test-ca';
import { startSimpleSamlIdp, type SimpleSamlIdp } from '../support/simplesamlphp';
import { expectNoAxeViolations } from './support/axe';
import { CLI, makeDataDir, type RunningWizard } from './support/browser-mode';
import { chooseFiles, interceptFileChoosers, press, tabTo } from './support/keyboard';
import { signinPage, startSigninWizard } from './support/signin-harness';

const HOST = 'meet.example.test';
const SITE = `https://${HOST}`;
const USER = { name: 'alice', password: 'alice-pass', email: 'alice@example.com' };

let data: ReturnType<typeof makeDataDir> | undefined;
let siteDir: string | undefined;
let wizard: RunningWizard | undefined;
let ca: TestCa | undefined;
let idp: SimpleSamlIdp | undefined;
let signinBrowser: Browser | undefined;

test.afterEach(async () => {
  await signinBrowser?.close().catch(() => undefined);
  await idp?.stop();
  await wizard?.stop();
  await ca?.cleanup();
  data?.remove();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

const stepHeading = (page: Page, title: string) => page.getByRole('heading', { name: title, level: 2 });
const steps = (page: Page) => page.getByRole('navigation', { name: 'Steps' });
const stepLink = (page: Page, title: string) => steps(page).getByRole('button', { name: new RegExp(`^${title}`) });
const nextStep = (page: Page, title: string) => page.getByRole('button', { name: `Next step: ${title} →` });

/** Opens the page; a parallel `npm run build` on this shared machine can empty dist/ for a moment, so the load alone is retried. */
async function openWizard(page: Page, url: string, ready: Locator): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(ready).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Presses Enter on a save button (reached with Tab) and returns the saved file's name, path and text. */
async function saveWithEnter(page: Page, button: Locator, dir: string, backward = false): Promise<{ name: string; file: string; text: string }> {
  await tabTo(page, button, { backward });
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = await download;
  const file = path.join(dir, saved.suggestedFilename());
  await saved.saveAs(file);
  return { name: saved.suggestedFilename(), file, text: readFileSync(file, 'utf8') };
}

/** Every file under a folder, recursively (to show the site's private key never reached the wizard's data). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The start page with all five steps done from their latest results. */
async function expectAllStepsDone(page: Page): Promise<void> {
  const list = page.locator('main .status-list');
  await expect(list.locator('.status-item')).toHaveCount(5);
  await expect(list.locator('.status-item.status-done')).toHaveCount(5);
  await expect(list).toContainText(/Expected key: the CSR downloaded from the site, recorded/);
  await expect(list).toContainText(/Certificate valid until \d{4}-\d\d-\d\d/);
  await expect(list).toContainText(new RegExp(`Last test sign-in .+: would sign in as ${USER.email.replace('.', '\\.')}`));
}

// A ceiling, not a wait: the walk waits for states; on a loaded two-core machine such a walk has taken minutes.
test.setTimeout(360_000);

test('the vendor\'s procedure with the keyboard only: the site\'s CSR, its certificate, AD FS, attributes, a passing test sign-in, the site checklist -> repaired', async ({ page }, testInfo) => {
  data = makeDataDir();
  const saved = path.join(data.dir, 'saved');
  mkdirSync(saved);
  // The site: its key and CSR made by openssl in a folder the wizard never reads (the key never leaves the site).
  siteDir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-e2e-site-'));
  const site = opensslCsr(siteDir, 'site', `/C=US/O=Example/CN=${HOST}`);
  const siteKeyBody = readFileSync(site.keyFile, 'utf8').split('\n')[1] ?? '';
  expect(siteKeyBody.length).toBeGreaterThan(40);
  const csrFile = path.join(siteDir, `${HOST}.csr`);
  writeFileSync(csrFile, site.csrPem);
  ca = await createTestCa();

  const signin = await startSigninWizard(data.dir);
  wizard = signin.wizard;
  await interceptFileChoosers(page);
  await openWizard(page, wizard.url, page.getByRole('heading', { name: 'Start with your site' }));
  const main = page.locator('main');

  // ── New profile, every field reached with Tab. ──
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByLabel('Profile name'));
  await page.keyboard.type('Production');
  await tabTo(page, page.getByLabel('Site URL'));
  await page.keyboard.type(SITE);
  await press(page, page.getByRole('button', { name: 'Create profile' }));

  // ── Step 1, path 1 (the default): the CSR the site made, loaded with the file chooser. ──
  await expect(stepHeading(page, 'Generate CSR')).toBeVisible();
  await expect(page.getByLabel(/The site makes the CSR/)).toBeChecked();
  await expectNoAxeViolations(page);
  await chooseFiles(page, page.getByLabel('CSR file downloaded from the site'), csrFile);
  await press(page, page.getByRole('button', { name: 'Check and use this CSR' }));
  await expect(page.getByRole('heading', { name: /^Recorded as the expected key/ })).toBeVisible();
  await expect(main.locator('.finding-error')).toHaveCount(0);
  await expect(stepLink(page, 'Generate CSR')).toHaveClass(/\bdone\b/);
  await expectNoAxeViolations(page);

  // The CA signs the site's CSR; it returns the leaf with its intermediate, and the root comes separately.
  const signed = path.join(data.dir, `${HOST}.crt`);
  writeFileSync(signed, (await ca.sign(site.csrPem)) + ca.intermediatePem);
  const root = path.join(data.dir, 'test-root.crt');
  writeFileSync(root, ca.rootPem);

  // ── Step 2: the certificate matches the site's CSR, no error, and no PFX (the key is on the site). ──
  const statusLine = page.locator('div.main-status[role="status"]');
  await expect(statusLine).toContainText('Created profile "Production"');
  await press(page, nextStep(page, 'Import certificate'));
  await expect(stepHeading(page, 'Import certificate')).toBeVisible();
  await expect(main).toBeFocused();
  await expect(statusLine).toHaveText(''); // the creation message stays behind with step 1, not on every page after it
  await expectNoAxeViolations(page);
  await chooseFiles(page, page.getByLabel('Certificate files', { exact: true }), signed);
  await expect(main.getByText(`Chosen: ${HOST}.crt`)).toBeVisible();
  await chooseFiles(page, page.getByLabel('Extra trusted roots (optional)'), root);
  await press(page, page.getByRole('button', { name: 'Import and check' }));
  await expect(main.getByText(/The certificate matches the CSR downloaded from the site, recorded .*: import it on the site with Import SSL Certificate/)).toBeVisible();
  await expect(main.getByText('The certificate matches the CSR from the site.', { exact: false })).toBeVisible();
  await expect(main.getByText('The chain is complete')).toBeVisible();
  await expect(main.locator('.finding-error')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(main.getByText(/No PFX: the private key is on the site/)).toBeVisible();
  await expect(main.getByRole('button', { name: /PFX/ })).toHaveCount(0);
  await expect(stepLink(page, 'Import certificate')).toHaveClass(/\bdone\b/);
  await expectNoAxeViolations(page);
  const chain = await saveWithEnter(page, main.getByRole('button', { name: 'Chain PEM, site certificate first' }), saved);
  expect(chain.name).toBe(`${HOST}-chain-leaf-first.pem`);
  expect(chain.text.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  const cer = await saveWithEnter(page, main.getByRole('button', { name: 'AD FS certificate (Base64 .cer)' }), saved);
  expect(cer.name).toBe(`${HOST}-adfs.cer`);

  // ── Step 3: every file of the AD FS bundle saved with Enter, then the folder and .zip exported. ──
  await press(page, nextStep(page, 'AD FS export'));
  await expect(stepHeading(page, 'AD FS export')).toBeVisible();
  await expect(main).toBeFocused();
  const saveButtons = main.getByRole('button', { name: /^Save \S+\.\w+$/ });
  await expect(saveButtons.first()).toBeVisible();
  await expectNoAxeViolations(page);
  const bundle = new Map<string, string>();
  const count = await saveButtons.count();
  expect(count).toBeGreaterThanOrEqual(4);
  for (let index = 0; index < count; index++) {
    const file = await saveWithEnter(page, saveButtons.nth(index), saved);
    bundle.set(file.name, file.text);
  }
  const rulesName = [...bundle.keys()].find((name) => /claim-rules/i.test(name));
  const spMetadataName = [...bundle.keys()].find((name) => /metadata.*\.xml$/i.test(name));
  expect(rulesName, `claim rules among ${[...bundle.keys()].join(', ')}`).toBeDefined();
  expect(spMetadataName, `SP metadata among ${[...bundle.keys()].join(', ')}`).toBeDefined();
  const rulesText = bundle.get(rulesName as string) as string;
  const spMetadataXml = bundle.get(spMetadataName as string) as string;
  expect(spMetadataXml).toContain('EntityDescriptor');
  await press(page, main.getByRole('button', { name: 'Export folder and .zip' }));
  await expect(main.getByText(/^Exported\./)).toBeVisible();
  const zip = (await main.locator('.adfs-written li').allTextContents()).find((line) => line.endsWith('.zip'));
  expect(zip && existsSync(zip), `the exported .zip ${zip} exists`).toBe(true);
  await expect(stepLink(page, 'AD FS export')).toHaveClass(/\bdone\b/);
  await expectNoAxeViolations(page);

  // ── Step 4: the claim rules exactly as the bundle publishes them, pasted as they would come from AD FS. ──
  await press(page, nextStep(page, 'Attribute checks'));
  await expect(stepHeading(page, 'Attribute checks')).toBeVisible();
  await expect(main).toBeFocused();
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByLabel('The rules this wizard generated (step 3)'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Rules pasted from AD FS')).toBeChecked();
  await tabTo(page, page.getByLabel('Claim rules from AD FS'));
  await page.keyboard.insertText(rulesText);
  await press(page, page.getByRole('button', { name: 'Check the rules' }));
  await expect(page.getByRole('heading', { name: 'All required attributes will be sent, with the right names and formats.' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The IdP: SimpleSAMLphp set up from the site's SP metadata saved here; its metadata chosen here with the keyboard.
  // (Not the bundle's copy: that one says AuthnRequestsSigned="true" for AD FS, whose relying party checks the site's
  // signed requests, and SimpleSAMLphp then refuses the wizard's unsigned test request, which AD FS accepts by default.)
  await press(page, main.getByText('The IdP settings saved for this profile', { exact: false }), 'Enter', { backward: true });
  const spMetadata = await saveWithEnter(page, main.getByRole('button', { name: 'Save the site\'s SP metadata' }), saved);
  const entityOf = (xml: string) => /entityID="([^"]+)"/.exec(xml)?.[1];
  const acsOf = (xml: string) => /AssertionConsumerService [^>]*Location="([^"]+)"/.exec(xml)?.[1];
  expect(entityOf(spMetadata.text)).toBe(entityOf(spMetadataXml));
  expect(acsOf(spMetadata.text)).toBe(acsOf(spMetadataXml));
  idp = await startSimpleSamlIdp({ spMetadataXml: spMetadata.text });
  const idpMetadataFile = path.join(data.dir, 'idp-metadata.xml');
  writeFileSync(idpMetadataFile, idp.metadataXml);
  await chooseFiles(page, main.getByLabel('Or choose a file'), idpMetadataFile);
  await expect(main.getByText(/^Imported: /)).toBeVisible();
  await expect(main.locator('.idp-settings')).toContainText(idp.entityId);
  await expect(stepLink(page, 'Attribute checks')).toHaveClass(/\bdone\b/);
  await expectNoAxeViolations(page);

  // ── Step 5: a live test sign-in at SimpleSAMLphp, the credentials typed into its own login form. ──
  await press(page, nextStep(page, 'Test sign-in'));
  await expect(stepHeading(page, 'Test sign-in')).toBeVisible();
  await expect(main).toBeFocused();
  const startButton = page.locator('form.signin-form').getByRole('button', { name: 'Test sign-in' });
  await expect(startButton).toBeEnabled();
  await expectNoAxeViolations(page);
  await press(page, startButton);
  await expect(page.getByRole('status', { name: 'Sign-in progress' })).toContainText(`Waiting for you to sign in at ${new URL(idp.baseUrl).host}`);
  const idpPage = await signinPage(signin.debugPort, idp.baseUrl);
  signinBrowser = idpPage.browser;
  await tabTo(idpPage.page, idpPage.page.locator('input[name="username"]'), { focusRing: false });
  await idpPage.page.keyboard.type(USER.name);
  await tabTo(idpPage.page, idpPage.page.locator('input[name="password"]'), { focusRing: false });
  await idpPage.page.keyboard.type(USER.password);
  await idpPage.page.keyboard.press('Enter');
  await expect(page.locator('#signin-result-heading')).toHaveText(`Would sign in as ${USER.email}`, { timeout: 30_000 });
  await expect(stepLink(page, 'Test sign-in')).toHaveClass(/\bdone\b/);
  await expectNoAxeViolations(page);

  // ── The start page: the IdP side checks out, the site-side actions are still open; no "repaired" yet. ──
  await press(page, steps(page).getByRole('button', { name: 'Overview' }), 'Enter', { backward: true, max: 120 });
  await expect(page.getByRole('heading', { name: `SSO repair of ${HOST}` })).toBeVisible();
  await expectAllStepsDone(page);
  const nextAction = main.locator('.next-action');
  await expect(nextAction).toContainText('The IdP side checks out; confirm on the site:');
  await expect(nextAction).not.toHaveClass(/\brepaired\b/);
  const overviewLink = steps(page).getByRole('button', { name: /^Overview/ });
  await expect(overviewLink).toHaveAccessibleName('Overview'); // five ✓ in the step list, but not repaired yet
  await expect(page.getByRole('button', { name: /^Resume where you left off/ })).toHaveCount(0); // one next action: the checklist below
  await expectNoAxeViolations(page);

  // The checklist, in the procedure's order; the site's own CSR is ticked already (the wizard saw it in step 1).
  const checklist = main.locator('.site-checklist');
  const items = checklist.getByRole('checkbox');
  await expect(items).toHaveCount(5);
  await expect(checklist.getByRole('checkbox', { name: /Generate and download the CSR on the site/ })).toBeChecked();
  for (let index = 0; index < 5; index++) {
    const item = items.nth(index);
    if (await item.isChecked()) continue;
    await press(page, item, 'Space');
    await expect(item).toBeChecked();
    await expect(checklist.locator('li').nth(index)).toContainText(/done \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/); // saved, with its time
    await expect(item, 'the keyboard stays on the box just ticked, so Tab goes on to the next').toBeFocused();
  }
  await expect(checklist.getByText(/done \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/)).toHaveCount(5);

  // ── Repaired: the start page, the step list and the command line say so. ──
  await expect(nextAction).toHaveClass(/\brepaired\b/);
  await expect(nextAction).toHaveText('Single sign-on is repaired: every step passes, the site-side checklist is complete and the last test sign-in would sign in.');
  await expectAllStepsDone(page);
  for (const title of ['Generate CSR', 'Import certificate', 'AD FS export', 'Attribute checks', 'Test sign-in']) {
    await expect(stepLink(page, title)).toHaveAccessibleName(new RegExp(`${title}.*\\(completed\\)`));
  }
  await expect(overviewLink).toHaveAccessibleName('Overview Repaired');
  await expect(page.getByRole('button', { name: /^Resume where you left off/ })).toHaveCount(0); // nothing left to resume
  await expect(steps(page).locator('.step-link.done')).toHaveCount(6);
  await expectNoAxeViolations(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`seed-path-repaired-${scheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });

  // Honest, both ways: one box unticked with Space takes "repaired" back everywhere; ticked again, it returns.
  const ssoOn = checklist.getByRole('checkbox', { name: /Turn SSO on/ });
  await press(page, ssoOn, 'Space', { backward: true });
  await expect(nextAction).toHaveText(/^The IdP side checks out; confirm on the site: Turn SSO on/);
  await expect(overviewLink).toHaveAccessibleName('Overview');
  await expect(ssoOn).toBeFocused();
  await page.keyboard.press('Space');
  await expect(nextAction).toHaveClass(/\brepaired\b/);
  await expect(overviewLink).toHaveAccessibleName('Overview Repaired');

  const status = execFileSync(process.execPath, [CLI, 'status', '--data-dir', data.dir], { encoding: 'utf8' });
  writeFileSync(testInfo.outputPath('status.txt'), status);
  expect(status).toContain(`SSO repair of ${HOST} (Production):`);
  expect(status.match(/^ {2}done {6}\d\./gm)).toHaveLength(5);
  expect(status).toContain('Single sign-on is repaired');
  const json = JSON.parse(execFileSync(process.execPath, [CLI, 'status', '--json', '--data-dir', data.dir], { encoding: 'utf8' })) as {
    ok: boolean;
    value: { repaired: boolean; nextStep: string | null; checklist: { complete: boolean } };
  };
  expect(json).toMatchObject({ ok: true, value: { repaired: true, nextStep: null, checklist: { complete: true } } });

  // The site's private key never reached the wizard: no file in its data folder holds it.
  for (const file of filesUnder(data.dir)) expect(readFileSync(file, 'latin1').includes(siteKeyBody), file).toBe(false);

  // ── Reflow (WCAG 1.4.10): the start page at 320 CSS px scrolls only downwards. ──
  await page.setViewportSize({ width: 320, height: 700 });
  await expect(nextAction).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: 'the start page scrolls sideways at 320 px' }).toBe(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`seed-path-repaired-320-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
});
