/**
 * Step 5 end to end: the wizard in browser mode (the built CLI), driven by Playwright; a real SimpleSAMLphp IdP
 * on loopback; the wizard launches its own, separate Chromium for the sign-in, and the test types the
 * credentials into the IdP's login form in THAT browser. Misconfigurations are made by IdP configuration
 * alone, and each must show the site's error code on the wizard's result page.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePort, type SimpleSamlIdp } from '../support/simplesamlphp';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, type RunningWizard } from './support/browser-mode';
import { callApi, createProfile, signinBrowserProcesses, signinPage, startIdpFor, startSigninWizard, typeCredentials } from './support/signin-harness';

let data: ReturnType<typeof makeDataDir>;
let wizard: RunningWizard;
let debugPort: number;
let profileId: string;
let idp: SimpleSamlIdp | undefined;
let signinBrowser: Browser | undefined;

test.beforeAll(async () => {
  data = makeDataDir();
  ({ wizard, debugPort } = await startSigninWizard(data.dir));
  profileId = (await createProfile(wizard)).id;
});

test.afterEach(async () => {
  await signinBrowser?.close().catch(() => undefined);
  signinBrowser = undefined;
  await idp?.stop();
  idp = undefined;
});

test.afterAll(async () => {
  await wizard?.stop();
  data?.remove();
});

const startButton = (page: Page) => page.locator('form.signin-form').getByRole('button', { name: 'Test sign-in' });

async function openStep(page: Page): Promise<void> {
  const stepButton = page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Test sign-in/ });
  // The server reads the UI from dist/ on every request; a parallel `npm run build` on a shared machine empties
  // it for a moment ("Not found"), so the page load alone is retried.
  await expect(async () => {
    await page.goto(wizard.url);
    await expect(stepButton).toBeEnabled({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await stepButton.click();
  await expect(page.getByRole('heading', { name: 'Test sign-in', level: 2 })).toBeVisible();
  await expect(startButton(page)).toBeEnabled();
}

/** Clicks "Test sign-in", then signs in at the IdP inside the wizard's sign-in browser. */
async function signIn(page: Page, options: { initiation?: 'sp' | 'idp'; forward?: boolean } = {}): Promise<void> {
  await openStep(page);
  if (options.initiation === 'idp') await page.getByLabel(/IdP-initiated: start at the IdP/).check();
  if (options.forward) await page.getByLabel(/Also pass the response on to the site/).check();
  await startButton(page).click();
  const progress = page.getByRole('status', { name: 'Sign-in progress' });
  await expect(progress).toContainText(`Waiting for you to sign in at ${new URL(idp?.baseUrl ?? '').host}…`);
  const signin = await signinPage(debugPort, idp?.baseUrl ?? '');
  signinBrowser = signin.browser;
  await typeCredentials(signin.page);
  await expect(progress).toContainText('Response captured');
}

async function expectNoSigninBrowserLeft(): Promise<void> {
  await expect.poll(() => signinBrowserProcesses(), { timeout: 10_000 }).toEqual([]);
}

test('SP-initiated clean sign-in: "would sign in as" the user, InResponseTo matches the request sent, history kept', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await signIn(page);
  await expect(page.locator('#signin-result-heading')).toHaveText('Would sign in as alice@example.com');
  const table = page.locator('.report-table');
  const requestId = await table.getByRole('row', { name: /AuthnRequest ID sent/ }).getByRole('cell').textContent();
  expect(requestId).toMatch(/^_[0-9a-f]{40}$/);
  await expect(table.getByRole('row', { name: /^InResponseTo/ }).getByRole('cell')).toHaveText(requestId ?? 'missing');
  await expect(table.getByRole('row', { name: /Issuer \(response\)/ }).getByRole('cell')).toHaveText(idp.entityId);
  await expect(table.getByRole('row', { name: /NameID format/ }).getByRole('cell')).toHaveText('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
  await expect(table.getByRole('row', { name: /Clock difference/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /firstname/ }).getByRole('cell')).toHaveText('Alice');
  await expect(table.getByRole('row', { name: /Signing certificate/ }).getByRole('cell')).toContainText('SHA-256');
  await expectNoAxeViolations(page);
  await page.getByText('The response as XML').click();
  await expect(page.locator('.report-xml pre')).toContainText('<saml:Assertion');
  // History: the run is recorded, and the step is marked done.
  await expect(page.getByRole('region', { name: 'Earlier test sign-ins' })).toContainText('would sign in (alice@example.com)');
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Test sign-in/ })).toHaveClass(/done/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export history (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('signin-history-meet.example.test.csv');
  await expectNoSigninBrowserLeft();
});

test('IdP-initiated clean sign-in (SimpleSAMLphp spentityid URL), no InResponseTo expected', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await signIn(page, { initiation: 'idp' });
  await expect(page.locator('#signin-result-heading')).toHaveText('Would sign in as alice@example.com');
  await expect(page.locator('.report-table').getByRole('row', { name: /AuthnRequest ID sent/ }).getByRole('cell')).toHaveText('—');
  await expectNoSigninBrowserLeft();
});

test('with "pass on to the site" the response continues to the site and the site\'s own answer is shown', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await signIn(page, { forward: true });
  await expect(page.getByRole('status', { name: 'Sign-in progress' })).toContainText('and passed on to the site');
  await expect(page.locator('#signin-result-heading')).toHaveText('Would sign in as alice@example.com', { timeout: 30_000 });
  // meet.example.test does not exist, so the site's answer is the browser's own "can't be reached" page.
  const answer = page.locator('.signin-page');
  await expect(answer.getByRole('heading', { name: 'The site\'s own answer' })).toBeVisible();
  await expect(answer).toContainText('meet.example.test');
  await expectNoSigninBrowserLeft();
});

const MISCONFIGURATIONS = [
  { name: 'missing attribute (lastname filtered out)', code: 31, hosted: { attributeLimit: ['uid', 'SAML_SUBJECT', 'firstname', 'email'] } },
  { name: 'wrong NameID format (persistent)', code: 25, hosted: { nameIdAttributeFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' } },
  { name: 'unsigned assertion and response', code: 20, hosted: { signAssertion: false, signResponse: false }, spMetadata: (xml: string) => xml.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"') },
  { name: 'expired assertion (negative lifetime)', code: 19, hosted: { assertionLifetime: -3600 } },
  { name: 'wrong recipient (response sent to another ACS path)', code: 14, hosted: { consumerUrl: 'https://meet.example.test/wrong/acs' } },
  {
    name: 'InResponseTo of another request',
    code: 28,
    hosted: { extraAuthprocPhp: [`['class' => 'core:PHP', 'code' => '$state[\\'saml:RequestId\\'] = \\'_not-the-request-we-sent\\';']`] },
  },
] as const;

for (const misconfiguration of MISCONFIGURATIONS) {
  test(`IdP misconfiguration: ${misconfiguration.name} shows code ${misconfiguration.code}`, async ({ page }) => {
    idp = await startIdpFor(wizard, profileId, misconfiguration.hosted, 'spMetadata' in misconfiguration ? misconfiguration.spMetadata : undefined);
    await signIn(page);
    await expect(page.locator('#signin-result-heading')).toHaveText('The site would refuse this sign-in');
    const findings = page.locator('.report-findings');
    await expect(findings.locator('.finding-badge', { hasText: new RegExp(`^Code ${misconfiguration.code}$`) }).first()).toBeVisible();
    await expect(findings.getByRole('button', { name: /^Fix in step \d/ }).first()).toBeVisible();
    await expectNoSigninBrowserLeft();
  });
}

test('IdP misconfiguration: signing with a key other than the published certificate shows code 23', async ({ page }) => {
  const { makeKeyPair } = await import('../support/simplesamlphp');
  const other = makeKeyPair(data.dir, 'rogue');
  idp = await startIdpFor(wizard, profileId, { signingKeyPem: other.keyPem });
  await signIn(page);
  await expect(page.locator('#signin-result-heading')).toHaveText('The site would refuse this sign-in');
  await expect(page.locator('.report-findings .finding-badge', { hasText: /^Code 23$/ }).first()).toBeVisible();
  // The fix button leads to the step that fixes it.
  await expectNoSigninBrowserLeft();
});

test('a finding\'s fix button opens the step that fixes it', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId, { nameIdAttributeFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' });
  await signIn(page);
  const finding = page.locator('.report-findings .finding').filter({ has: page.locator('.finding-badge', { hasText: /^Code 25$/ }) });
  await finding.getByRole('button', { name: 'Fix in step 4: Attribute checks' }).first().click();
  await expect(page.getByRole('heading', { name: 'Attribute checks', level: 2 })).toBeVisible();
});

test('cancel closes the sign-in browser and says so', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await openStep(page);
  await startButton(page).click();
  await expect(page.getByRole('status', { name: 'Sign-in progress' })).toContainText('Waiting for you to sign in');
  expect(signinBrowserProcesses()).toHaveLength(1);
  const profileDir = /--user-data-dir=(\S+)/.exec(signinBrowserProcesses()[0] ?? '')?.[1] ?? '';
  await page.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(page.locator('#signin-result-heading')).toHaveText('Test sign-in cancelled; the sign-in window was closed.');
  await expectNoSigninBrowserLeft();
  await expect.poll(() => existsSync(profileDir)).toBe(false);
});

test('a timeout ends the wait with a message and closes the sign-in browser', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await openStep(page);
  await page.getByLabel('Give up after (seconds)').fill('2');
  await startButton(page).click();
  await expect(page.locator('#signin-result-heading')).toHaveText('No SAML response arrived within 2 seconds; the sign-in window was closed.', { timeout: 20_000 });
  await expect(page.locator('.signin-message')).toContainText('https://meet.example.test/dispatcher/SAML2AuthService');
  await expectNoSigninBrowserLeft();
});

test('an unreachable IdP is reported with the address to check', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  // Nothing listens on a port just found free: the browser's connection is refused.
  const ssoUrl = `http://127.0.0.1:${await freePort()}/saml2/idp/SSOService.php`;
  await callApi(wizard, 'idp.update', { profileId, ssoUrl });
  await openStep(page);
  await startButton(page).click();
  await expect(page.locator('#signin-result-heading')).toContainText('could not be reached (net::ERR_CONNECTION_REFUSED)');
  await expect(page.locator('.signin-message')).toContainText(ssoUrl);
  await expectNoSigninBrowserLeft();
});

test('a sign-in window closed mid-way ends the run with a clear message', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await openStep(page);
  await startButton(page).click();
  const signin = await signinPage(debugPort, idp.baseUrl);
  signinBrowser = signin.browser;
  await signin.page.locator('input[name="username"]').waitFor();
  await signin.page.close();
  await expect(page.locator('#signin-result-heading')).toHaveText('The sign-in window was closed before the identity provider sent a response.');
  await expectNoSigninBrowserLeft();
});

test('an IdP error page (SimpleSAMLphp does not know the SP) is read and shown instead of waiting', async ({ page }) => {
  idp = await startIdpFor(wizard, profileId);
  await openStep(page);
  await page.getByLabel(/IdP-initiated: start at the IdP/).check();
  await page.getByLabel('IdP-initiated sign-in URL').fill(`${idp.ssoUrl}?spentityid=${encodeURIComponent('urn:not-this-site')}`);
  await startButton(page).click();
  await expect(page.locator('#signin-result-heading')).toContainText(`The identity provider (${new URL(idp.baseUrl).host}) showed an error page instead of sending a SAML response.`);
  const shown = page.locator('.signin-page');
  await expect(shown.getByRole('heading', { name: 'The identity provider showed an error page' })).toBeVisible();
  await expect(shown).toContainText('urn:not-this-site');
  await expectNoAxeViolations(page);
  await expectNoSigninBrowserLeft();
});

test('stopping the wizard while a sign-in waits ends the sign-in browser too', async () => {
  const own = makeDataDir();
  const second = await startSigninWizard(own.dir);
  try {
    const profile = await createProfile(second.wizard, 'Stopping');
    idp = await startIdpFor(second.wizard, profile.id);
    await callApi(second.wizard, 'signin.start', { profileId: profile.id, initiation: 'sp' });
    await expect.poll(() => signinBrowserProcesses().length, { timeout: 15_000 }).toBe(1);
    const profileDir = /--user-data-dir=(\S+)/.exec(signinBrowserProcesses()[0] ?? '')?.[1] ?? '';
    expect(existsSync(profileDir)).toBe(true);
    const exited = new Promise<number | null>((resolve) => second.wizard.process.once('exit', (code) => resolve(code)));
    second.wizard.process.kill('SIGINT');
    expect(await exited).toBe(0);
    await expectNoSigninBrowserLeft();
    // The throw-away profile (the IdP's session cookie) goes with it.
    await expect.poll(() => existsSync(profileDir), { timeout: 10_000 }).toBe(false);
  } finally {
    await second.wizard.stop();
    own.remove();
  }
});

// Not part of the regular run: test/tools/signin-screenshot.mjs sets the variable to regenerate the README picture.
test('screenshot of the result page for a failing sign-in (docs/screenshots/test-signin-failure.png)', async ({ page }) => {
  test.skip(!process.env['SSO_WIZARD_SCREENSHOTS'], 'Run through test/tools/signin-screenshot.mjs.');
  idp = await startIdpFor(wizard, profileId, {
    nameIdAttributeFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    attributeLimit: ['uid', 'SAML_SUBJECT', 'firstname', 'email'],
  });
  await page.setViewportSize({ width: 1200, height: 900 });
  await signIn(page);
  await expect(page.locator('#signin-result-heading')).toHaveText('The site would refuse this sign-in');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('.signin-result').screenshot({ path: `docs/screenshots/test-signin-failure${scheme === 'dark' ? '-dark' : ''}.png`, animations: 'disabled' });
  }
});
