/**
 * Issue 18: what a full walkthrough as an administrator stumbled on, one test per UI item, each against the
 * real browser-mode server, a real openssl CA and Chromium, with axe in both themes.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestCa, type TestCa } from '../main/domains/certs/test-ca';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';

const HOST = 'meet.example.com';
const KEY_PASSPHRASE = 'walkthrough key passphrase';
const KEYCHAIN_OPTION = 'In the OS keychain (recommended)';
const FILE_OPTION = 'As an encrypted file I save (PKCS#8, AES-256)';
/** A session bus address nothing answers on: the keychain is unavailable, as on a server without a desktop. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };

let data: ReturnType<typeof makeDataDir>;
let wizard: RunningWizard | undefined;

test.beforeEach(() => {
  data = makeDataDir();
});
test.afterEach(async () => {
  await wizard?.stop();
  wizard = undefined;
  data.remove();
});

async function createProfile(page: Page): Promise<void> {
  await page.goto((wizard as RunningWizard).url);
  await page.getByLabel('Profile name').fill('Production');
  await page.getByLabel('Site URL').fill(`https://${HOST}`);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('heading', { name: 'Generate CSR', level: 2 })).toBeVisible();
}

/** Step 1, path 2, ECDSA P-256 (fast) kept as an encrypted file; returns the CSR as saved. */
async function generateCsrHere(page: Page): Promise<string> {
  await page.getByLabel(/Make the key and CSR here/).check();
  await page.getByLabel('Key type').selectOption('ecdsa-p256');
  await page.getByLabel(FILE_OPTION).check();
  await page.getByLabel('Passphrase for the key file').fill(KEY_PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(KEY_PASSPHRASE);
  const before = (await page.locator('#csr-pem').count()) > 0 ? await page.locator('#csr-pem').inputValue() : '';
  await page.getByRole('button', { name: 'Generate key and CSR' }).click();
  await expect(page.getByRole('heading', { name: 'Your CSR' })).toBeVisible();
  await expect(page.locator('#csr-pem')).not.toHaveValue(before);
  return page.locator('#csr-pem').inputValue();
}

async function importCertificate(page: Page, ca: TestCa, csrPem: string): Promise<void> {
  const signed = path.join(data.dir, 'signed.crt');
  writeFileSync(signed, (await ca.sign(csrPem)) + ca.intermediatePem);
  writeFileSync(path.join(data.dir, 'root.crt'), ca.rootPem);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Import certificate/ }).click();
  await page.getByLabel('Certificate files', { exact: true }).setInputFiles(signed);
  await page.getByLabel('Extra trusted roots (optional)').setInputFiles(path.join(data.dir, 'root.crt'));
  await page.getByRole('button', { name: 'Import and check' }).click();
  await expect(page.getByRole('heading', { name: 'Site certificate' })).toBeVisible();
}

test('item 1: without a keychain, step 1 preselects the encrypted file and says why the keychain is disabled', async ({ page }) => {
  wizard = await startWizard(data.dir, NO_KEYCHAIN);
  await createProfile(page);
  await page.getByLabel(/Make the key and CSR here/).check();
  const keychain = page.getByLabel(KEYCHAIN_OPTION);
  await expect(keychain).toBeDisabled();
  await expect(page.getByLabel(FILE_OPTION)).toBeChecked();
  await expect(keychain).toHaveAccessibleDescription(/^Not available here: The OS keychain is not available: there is no desktop session bus \(D-Bus\)/);
  // The passphrase is now required, and named as the key file's.
  await expect(page.getByLabel('Passphrase for the key file')).toHaveAttribute('required', '');
  await expectNoAxeViolations(page);
});

test('item 2: after a reload, step 1 says where the encrypted key file is and saves it again', async ({ page }) => {
  wizard = await startWizard(data.dir);
  await createProfile(page);
  await generateCsrHere(page);
  await page.reload();
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Generate CSR/ }).click();
  await expect(page.getByRole('heading', { name: /Expected key: the key and CSR made here on/ })).toBeVisible();
  const where = page.locator('.cert-result').getByText(/^Private key: in the encrypted file /);
  await expect(where).toContainText(data.dir);
  await expect(where).toContainText(/key-[0-9a-f]{16}\.p8\.pem \(readable by you only\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Save encrypted key ${HOST}.key.p8.pem` }).click()]);
  const saved = path.join(data.dir, 'again.p8.pem');
  await download.saveAs(saved);
  expect(readFileSync(saved, 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  await expectNoAxeViolations(page);
});

test.describe('with a real openssl CA', () => {
  let ca: TestCa;
  test.beforeEach(async () => {
    ca = await createTestCa();
  });
  test.afterEach(async () => {
    await ca.cleanup();
  });

  test('item 3: a PFX of a key kept in a file names the "Key file passphrase" field and takes the user there', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await createProfile(page);
    await importCertificate(page, ca, await generateCsrHere(page));
    await page.getByLabel('PFX passphrase').fill('a long pfx passphrase');
    await page.getByRole('button', { name: /Save PFX/ }).click();
    const alert = page.locator('.cert-exports').getByRole('alert');
    await expect(alert).toContainText('its passphrase is needed');
    await expect(alert).toContainText('in the "Key file passphrase" field of step 2');
    await expect(page.getByLabel('Key file passphrase')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.type(KEY_PASSPHRASE);
    const [pfx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Save PFX/ }).click()]);
    expect(pfx.suggestedFilename()).toBe(`${HOST}.pfx`);
  });

  test('item 4: a certificate for the earlier of two CSRs says which one, to the second', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await createProfile(page);
    const first = await generateCsrHere(page);
    await generateCsrHere(page);
    await importCertificate(page, ca, first);
    const finding = page.getByText(/^The certificate belongs to an older CSR/);
    await expect(finding).toHaveText(
      /^The certificate belongs to an older CSR, the key and CSR made here on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, not to the expected key \(the key and CSR made here on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\.$/,
    );
    await expectNoAxeViolations(page);
  });
});

test('item 8: one introduction per step; "Created profile" shows at the top of the page and is announced', async ({ page }) => {
  wizard = await startWizard(data.dir);
  await createProfile(page);
  const status = page.getByRole('status').filter({ hasText: 'Created profile "Production"' });
  await expect(status).toBeVisible();
  await expect(status).toBeInViewport();
  // Above the step's heading, where the eye is after the click.
  const statusBox = await status.boundingBox();
  const headingBox = await page.getByRole('heading', { name: 'Generate CSR', level: 2 }).boundingBox();
  expect(statusBox && headingBox && statusBox.y < headingBox.y).toBe(true);
  await expectNoAxeViolations(page);

  for (const title of ['Generate CSR', 'Import certificate', 'AD FS export', 'Attribute checks', 'Test sign-in']) {
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(title) }).click();
    await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
    // Between the heading and the step's first control: one paragraph, not two saying nearly the same.
    const introParagraphs = await page.locator('.step-page').evaluate((section) => {
      const heading = section.querySelector('h2');
      let count = 0;
      for (let node = heading?.nextElementSibling; node && node.tagName === 'P'; node = node.nextElementSibling) if (!node.classList.contains('help')) count += 1;
      return count;
    });
    expect(introParagraphs, title).toBe(1);
  }
  // Also on a 320 px screen, where the step list stands above the step.
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.setViewportSize({ width: 320, height: 640 });
  await page.getByLabel('Profile name').fill('Second');
  await page.getByLabel('Site URL').fill('https://join.example.com');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created profile "Second"' })).toBeInViewport();
  await page.setViewportSize({ width: 1200, height: 820 });
  // The outcome of an earlier action does not follow the user around.
  await expect(page.getByText('Created profile "Production"')).toHaveCount(0);
});

test('item 9: the start page offers one next action, and the step list marks where the user was', async ({ page }) => {
  wizard = await startWizard(data.dir);
  await createProfile(page);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /AD FS export/ }).click();
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: `SSO repair of ${HOST}` })).toBeVisible();
  await expect(page.getByText(/Resume where you left off/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Go to step|Continue|Resume)/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Go to step 1: Generate CSR →' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /AD FS export\s*,\s*last opened/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Go to step 1: Generate CSR →' }).click();
  await expect(page.getByRole('heading', { name: 'Generate CSR', level: 2 })).toBeVisible();
});

test('item 10: dates and times read one way, with the time zone, on every page', async ({ page }) => {
  wizard = await startWizard(data.dir);
  await createProfile(page);
  await generateCsrHere(page);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('checkbox', { name: /Turn SSO off/i }).check();
  const stamp = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/;
  await expect(page.locator('.site-checklist')).toContainText(new RegExp(`done ${stamp.source}`));
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Generate CSR/ }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Expected key: the key and CSR made here on ${stamp.source}`) })).toBeVisible();
  // No locale-dependent form ("11/30/2026, 7:26:59 PM") anywhere.
  expect(await page.locator('body').innerText()).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}|[AP]M\b/);
  await expectNoAxeViolations(page);
});

test('item 11: the page on localhost answers a short page that gives the 127.0.0.1 link, without the token', async ({ page }) => {
  wizard = await startWizard(data.dir);
  const running = wizard;
  await page.goto(`http://localhost:${running.port}/#token=${running.token}`);
  await expect(page.getByRole('heading', { name: 'Open the wizard at 127.0.0.1, not localhost', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: `${running.origin}/` })).toHaveAttribute('href', `${running.origin}/`);
  expect(await page.content()).not.toContain(running.token);
  await expectNoAxeViolations(page);
  // The API under localhost stays refused: the Host check still guards against DNS rebinding.
  const api = await page.request.post(`http://localhost:${running.port}/api/profile.list`, { data: {}, headers: { 'x-sso-wizard-token': running.token } });
  expect(api.status()).toBe(403);
  // And the core behind the page knows it serves browser mode (its key-export guard and its words depend on it).
  const info = await page.request.post(`${running.origin}/api/app.info`, { data: {}, headers: { 'x-sso-wizard-token': running.token, Origin: running.origin } });
  expect(((await info.json()) as { value: { frontDoor: string } }).value.frontDoor).toBe('browser');
});

test('a long profile name does not widen the header past a 320 px window', async ({ page }) => {
  wizard = await startWizard(data.dir);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(wizard.url);
  await page.getByLabel('Profile name').fill('Only for its IdP, the production site of the eastern region');
  await page.getByLabel('Site URL').fill(`https://${HOST}`);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByLabel('Site profile')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: test.info().outputPath('long-profile-name-320.png'), fullPage: false });
});
