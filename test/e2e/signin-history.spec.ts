/**
 * Issue 18 items 5, 6, 7 and 12, end to end in browser mode (the built CLI) with a real SimpleSAMLphp IdP:
 * step 5 shows the stored last result after a reload and every history row opens its own result; its words
 * say each thing once; the tables of steps 4 and 5 never break a word in two at any width down to 320 px;
 * and the Decode panel's verdict says "would fail" once. Screenshots of steps 4 and 5 (both themes, 320 px
 * and wide) go to this test's output folder.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { loginAtIdp } from '../support/idp-login';
import { makeKeyPair, type SimpleSamlIdp } from '../support/simplesamlphp';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, type RunningWizard } from './support/browser-mode';
import { callApi, createProfile, signinPage, startIdpFor, startSigninWizard, typeCredentials } from './support/signin-harness';

/** Rules that send firstname and a URI-format email claim only: the table gets "Missing" rows and long formats. */
const PARTIAL_RULES =
  'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]\n' +
  ' => issue(store = "Active Directory", types = ("firstname", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"), query = ";givenName,mail;{0}", param = c.Value);';

const WIDTHS = [320, 480, 640, 760, 1024, 1280];

let data: ReturnType<typeof makeDataDir>;
let wizard: RunningWizard;
let debugPort: number;
const idps: SimpleSamlIdp[] = [];

test.beforeAll(async () => {
  data = makeDataDir();
  ({ wizard, debugPort } = await startSigninWizard(data.dir));
});

test.afterAll(async () => {
  for (const idp of idps) await idp.stop();
  await wizard?.stop();
  data?.remove();
});

/** A whole test sign-in through the wizard's API and its own sign-in browser; answers when the run has ended. */
async function runSignin(profileId: string, idp: SimpleSamlIdp): Promise<string> {
  const { runId } = await callApi<{ runId: string }>(wizard, 'signin.start', { profileId, initiation: 'sp' });
  let browser: Browser | undefined;
  try {
    const signin = await signinPage(debugPort, idp.baseUrl);
    browser = signin.browser;
    await typeCredentials(signin.page);
    await expect
      .poll(async () => (await callApi<{ result: unknown }>(wizard, 'signin.status', { runId, after: 0 })).result !== null, { timeout: 30_000 })
      .toBe(true);
  } finally {
    await browser?.close().catch(() => undefined);
  }
  return runId;
}

async function openWizard(page: Page): Promise<void> {
  // A parallel build may empty dist/ for a moment: the page load alone is retried.
  await expect(async () => {
    await page.goto(wizard.url);
    await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Test sign-in/ })).toBeEnabled({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

async function choose(page: Page, profileId: string): Promise<void> {
  await page.getByLabel('Site profile').selectOption(profileId);
  await expect(page.getByLabel('Site profile')).toHaveValue(profileId);
}

async function openStep(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(title) }).click();
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
}

/**
 * Every word inside the tables that lies on more than one line. A word is a run of letters, digits and
 * underscores ("Attribute", "SAML_SUBJECT", "firstname"): a line may end after a hyphen, slash, colon or dot,
 * never inside a word. A token wider than its whole cell (a 40-character request ID at 320 px) cannot fit on
 * one line anywhere and is left out.
 */
async function wordsBrokenInTables(tables: Locator): Promise<string[]> {
  return tables.evaluateAll((elements) => {
    const broken: string[] = [];
    for (const table of elements) {
      const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const cell = node.parentElement?.closest('th, td');
        for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
          const lines = new Set(rects.map((rect) => Math.round(rect.top)));
          const width = rects.reduce((sum, rect) => sum + rect.width, 0);
          if (lines.size > 1 && (!cell || width <= cell.clientWidth)) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

/** The innermost elements that reach past the page's right edge, to name the culprit when it scrolls sideways. */
async function widerThanPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > edge + 0.5 && ![...el.children].some((child) => child.getBoundingClientRect().right > edge + 0.5));
    return wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`).join('; ');
  });
}

/** At every width: no word in the tables is broken, and the page does not scroll sideways. */
async function expectTablesRead(page: Page, tables: Locator, what: string): Promise<void> {
  await expect(tables.first()).toBeVisible();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => wordsBrokenInTables(tables), { message: `${what}: words broken mid-word at ${width} px` }).toEqual([]);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${what} scrolls sideways at ${width} px: ${await widerThanPage(page)}` })
      .toBe(0);
  }
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: test.info().outputPath(`${name}-${width}-${colorScheme}.png`), fullPage: true });
      // Tall pages at 320 px also in screen-high parts, readable one by one.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let top = 0, part = 1; width === 320 && top < height; top += 1200, part++) {
        const clip = { x: 0, y: top, width, height: Math.min(1200, height - top) };
        await page.screenshot({ path: test.info().outputPath(`${name}-${width}-${colorScheme}-part${part}.png`), fullPage: true, clip });
      }
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('step 5 before any IdP says so once; a downloaded IdP metadata says what was imported, and the settings stay open (item 7)', async ({ page }) => {
  const profile = await createProfile(wizard, 'No IdP yet');
  const idp = await startIdpFor(wizard, (await createProfile(wizard, 'Its IdP')).id);
  idps.push(idp);
  await openWizard(page);
  await choose(page, profile.id);
  await openStep(page, 'Test sign-in');
  const main = page.getByRole('main');
  const sentence = 'No identity provider is set up for this profile yet';
  await expect(main.getByText(sentence)).toBeVisible();
  expect((await main.innerText()).split(sentence).length - 1).toBe(1);
  await expectNoAxeViolations(page);

  const settings = main.locator('details.signin-idp');
  await expect(settings).toHaveAttribute('open', '');
  await settings.getByLabel('Or download the metadata from its address').fill(`${idp.baseUrl}saml2/idp/metadata.php`);
  await settings.getByRole('button', { name: 'Download' }).click();
  const validUntil = /^\d{4}-\d{2}-\d{2}$/;
  const status = settings.locator('.idp-status');
  await expect(status).toHaveText(new RegExp(`^Imported: ${idp.entityId.replace(/[.?]/g, '\\$&')}, 1 signing certificate, valid until \\d{4}-\\d{2}-\\d{2}\\.$`));
  expect(validUntil.test((await status.innerText()).slice(-11, -1))).toBe(true);
  // The panel stays where the user is reading; the notice is gone since an IdP is now set up.
  await expect(settings).toHaveAttribute('open', '');
  await expect(main.getByText(sentence)).toHaveCount(0);
  await expect(page.locator('form.signin-form').getByRole('button', { name: 'Test sign-in' })).toBeEnabled();
  await expectNoAxeViolations(page);
});

test('step 5 after a reload shows the last result, every history row opens its own, and its tables read at every width (items 5, 6, 7)', async ({ page }) => {
  test.setTimeout(240_000);
  const profile = await createProfile(wizard, 'History');
  const goodIdp = await startIdpFor(wizard, profile.id);
  idps.push(goodIdp);
  const goodRun = await runSignin(profile.id, goodIdp);
  // The second run: the IdP signs with a key other than its published certificate (code 23).
  const rogue = makeKeyPair(data.dir, 'rogue');
  const badIdp = await startIdpFor(wizard, profile.id, { signingKeyPem: rogue.keyPem });
  idps.push(badIdp);
  const badRun = await runSignin(profile.id, badIdp);
  expect(badRun).not.toBe(goodRun);

  // A fresh page: nothing of the runs is in memory, the last result comes from the core's history.
  await openWizard(page);
  await choose(page, profile.id);
  await openStep(page, 'Test sign-in');
  const main = page.getByRole('main');
  await expect(main.locator('#signin-result-heading')).toHaveText('The site would refuse this sign-in');
  await expect(main.locator('.signin-shown-run')).toHaveText(/^The last test sign-in, started /);
  await expect(main.locator('.report-findings .finding-badge', { hasText: /^Code 23$/ }).first()).toBeVisible();
  const history = main.getByRole('region', { name: 'Earlier test sign-ins' });
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Shown above');
  await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);

  // The older row opens the successful run, and the focus lands on its verdict.
  await rows.nth(1).getByRole('button', { name: /^Open the test sign-in of / }).click();
  await expect(main.locator('#signin-result-heading')).toHaveText('Would sign in as alice@example.com');
  await expect(main.locator('#signin-result-heading')).toBeFocused();
  await expect(main.locator('.signin-shown-run')).toHaveText(/^An earlier test sign-in, started /);
  await expect(main.locator('.report-table').getByRole('row', { name: /^Issuer \(response\)/ }).getByRole('cell')).toHaveText(goodIdp.entityId);
  await expect(rows.nth(1)).toContainText('Shown above');
  await expect(rows.nth(0).getByRole('button', { name: /^Open the test sign-in of / })).toBeVisible();
  // Item 7: no "Mark the step done" without such a button.
  await expect(main.locator('.signin-message')).not.toContainText('Mark the step done');
  await expect(main.locator('.signin-message')).toContainText('the step is marked done');
  await expectNoAxeViolations(page);

  // Item 5: the decoded response, the history and the IdP certificates read at every width.
  await main.locator('details.signin-idp > summary').click();
  await expectTablesRead(page, main.locator('table'), 'step 5');
  await expectNoAxeViolations(page);
  await screenshots(page, 'step-5');
});

test('step 4\'s rules table reads at every width without breaking a word (item 5)', async ({ page }) => {
  const profile = await createProfile(wizard, 'Attributes');
  await openWizard(page);
  await choose(page, profile.id);
  await openStep(page, 'Attribute checks');
  const main = page.getByRole('main');
  await main.getByLabel('Rules pasted from AD FS').check();
  await main.getByLabel('Claim rules from AD FS').fill(PARTIAL_RULES);
  await main.getByRole('button', { name: 'Check the rules' }).click();
  const table = main.locator('.attr-result table');
  await expect(table.getByRole('row', { name: /lastname/ })).toContainText('Missing');
  await expect(table.getByRole('row', { name: /firstname/ })).toContainText('Sent');
  // The table, and the attribute names that head each fix below it.
  await expectTablesRead(page, main.locator('table, .attr-findings .finding-badge'), 'step 4');
  await page.setViewportSize({ width: 320, height: 900 });
  await expectNoAxeViolations(page);
  await screenshots(page, 'step-4');
});

test('the Decode panel says a failing response would fail once, not "Would not sign in: Would fail …" (item 12)', async ({ page }) => {
  const profile = await createProfile(wizard, 'Decode');
  const rogue = makeKeyPair(data.dir, 'rogue-decode');
  const idp = await startIdpFor(wizard, profile.id, { signingKeyPem: rogue.keyPem });
  idps.push(idp);
  const login = await loginAtIdp({ ssoUrl: idp.ssoUrl, spEntityId: profile.spEntityId, username: 'alice', password: 'alice-pass' });
  await openWizard(page);
  await choose(page, profile.id);
  await page.getByRole('button', { name: 'Decode an error' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Decode an error' });
  await dialog.getByLabel('SAMLResponse as posted (Base64), or XML').fill(login.samlResponse);
  await dialog.getByRole('button', { name: 'Check the response' }).click();
  const verdict = dialog.locator('.saml-verdict');
  await expect(verdict).toContainText('Would fail with error 23');
  const said = await verdict.innerText();
  expect(said).toMatch(/^Would fail with error 23 /);
  expect(said.match(/would (not )?(sign in|fail)/gi)).toHaveLength(1);
  await expectNoAxeViolations(page);
});
