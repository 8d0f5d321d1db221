/**
 * Issue 12 in browser mode: the vendor's path (the site makes the CSR; openssl plays the site and the wizard
 * never sees the key), the certificate import that names the site's CSR, exports that follow the key, a worse
 * certificate that does not silently replace a good one, and the start page's checklist and honest status.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';
import { createTestCa, opensslCsr, type TestCa } from '../main/domains/certs/test-ca';

/** With SSO_WIZARD_SCREENSHOTS=1 the walk-through refreshes the README's pictures, in both themes. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env['SSO_WIZARD_SCREENSHOTS']) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('.step-page, main').first().screenshot({ path: `docs/screenshots/${name}${scheme === 'dark' ? '-dark' : ''}.png`, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

async function axeBothThemes(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page);
  }
  await page.emulateMedia({ colorScheme: null });
}

const stepNav = (page: Page) => page.getByRole('navigation', { name: 'Steps' });

test.describe('the site makes the CSR (the vendor\'s procedure)', () => {
  let data: ReturnType<typeof makeDataDir>;
  let wizard: RunningWizard | undefined;
  let ca: TestCa;
  test.setTimeout(180_000);

  test.beforeEach(async () => {
    data = makeDataDir();
    ca = await createTestCa();
  });
  test.afterEach(async () => {
    await wizard?.stop();
    wizard = undefined;
    data.remove();
    await ca.cleanup();
  });

  test('load the site\'s CSR, import its certificate, chain and .cer but no PFX, a worse one is not taken silently, checklist on the start page', async ({ page }) => {
    const site = opensslCsr(ca.dir, 'site', '/O=Example/CN=meet.example.com');
    const csrFile = path.join(data.dir, 'meet.example.com.csr');
    writeFileSync(csrFile, site.csrPem);
    const bad = opensslCsr(ca.dir, 'bad', '/CN=other.example.com', ['-newkey', 'rsa:1024'], null);
    const badFile = path.join(data.dir, 'bad.csr');
    writeFileSync(badFile, bad.csrPem);

    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByLabel('Profile name').fill('Production');
    await page.getByLabel('Site URL').fill('https://meet.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('heading', { name: 'Generate CSR', level: 2 })).toBeVisible();

    // The vendor's path is the first and the default.
    await expect(page.getByLabel(/The site makes the CSR/)).toBeChecked();
    await expect(page.getByText('Settings > Security > Certificate > SSL Certificate > Generate CSR.')).toBeVisible();

    // A bad CSR is judged the moment it is loaded, with step 2's words.
    await page.getByLabel('CSR file downloaded from the site').setInputFiles(badFile);
    await page.getByRole('button', { name: 'Check and use this CSR' }).click();
    await expect(page.getByRole('heading', { name: /Recorded, but fix the errors below/ })).toBeVisible();
    await expect(page.getByText('The CSR does not cover the site host meet.example.com')).toBeVisible();
    await expect(page.getByText('The key is RSA 1024 bits; at least 2048 bits are required.')).toBeVisible();
    await expect(stepNav(page).locator('.step-link.done')).toHaveCount(0);

    await page.getByLabel('CSR file downloaded from the site').setInputFiles(csrFile);
    await page.getByRole('button', { name: 'Check and use this CSR' }).click();
    await expect(page.getByRole('heading', { name: /^Recorded as the expected key/ })).toBeVisible();
    await expect(page.locator('.finding-error')).toHaveCount(0);
    await expect(stepNav(page).locator('.step-link.done')).toHaveCount(1);
    await axeBothThemes(page);
    await screenshot(page, 'step-1-site-csr');
    // At 320 px nothing scrolls sideways (WCAG 1.4.10 reflow).
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 900 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (process.env['SSO_WIZARD_SCREENSHOTS']) await page.screenshot({ path: 'test-results/step-1-site-csr-320.png', fullPage: true });
    if (wide) await page.setViewportSize(wide);

    const signed = path.join(data.dir, 'signed.crt');
    writeFileSync(signed, (await ca.sign(site.csrPem)) + ca.intermediatePem);
    writeFileSync(path.join(data.dir, 'root.crt'), ca.rootPem);
    await page.getByRole('button', { name: /Next step: Import certificate/ }).click();
    await page.getByLabel('Certificate files', { exact: true }).setInputFiles(signed);
    await page.getByLabel('Extra trusted roots (optional)').setInputFiles(path.join(data.dir, 'root.crt'));
    await page.getByRole('button', { name: 'Import and check' }).click();
    await expect(page.getByText(/The certificate matches the CSR downloaded from the site, recorded .* UTC \(the newest of the 2 CSRs of this profile\): import it on the site with Import SSL Certificate/)).toBeVisible();
    await expect(page.locator('.finding-error')).toHaveCount(0);
    await expect(page.getByText(/No PFX: the private key is on the site/)).toBeVisible();
    await expect(page.getByRole('button', { name: /Save PFX/ })).toHaveCount(0);
    const [chain] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chain PEM, site certificate first' }).click()]);
    expect(chain.suggestedFilename()).toBe('meet.example.com-chain-leaf-first.pem');
    await expect(stepNav(page).locator('.step-link.done')).toHaveCount(2);
    await axeBothThemes(page);
    await screenshot(page, 'step-2-import-site-key');

    // A worse certificate (the leaf alone: the chain is incomplete) is not taken silently: ✓ stays, the good one stays.
    const leafOnly = path.join(data.dir, 'leaf-only.crt');
    writeFileSync(leafOnly, await ca.sign(site.csrPem));
    await page.getByLabel('Certificate files', { exact: true }).setInputFiles(leafOnly);
    await page.getByRole('button', { name: 'Import and check' }).click();
    await expect(page.getByText(/^Not saved: this certificate has 1 error/)).toBeVisible();
    await expect(stepNav(page).locator('.step-link.done')).toHaveCount(2);
    // Confirmed, it replaces the good one, and step 2 never shows ✓ with an error.
    await page.getByRole('button', { name: 'Replace the current certificate' }).click();
    await expect(page.getByText(/The chain is incomplete/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Replace the current certificate' })).toHaveCount(0);
    await expect(stepNav(page).locator('.step-link.done')).toHaveCount(1);

    // The start page: step 2 needs attention, the checklist with the site's menu paths, never "repaired".
    await stepNav(page).getByRole('button', { name: /Overview/ }).click();
    const overview = page.locator('main');
    await expect(overview.locator('.status-item.status-attention')).toContainText('problem');
    await expect(overview.getByRole('checkbox', { name: /Generate and download the CSR on the site/ })).toBeChecked();
    await overview.getByRole('checkbox', { name: /Turn SSO off/ }).check();
    await expect(overview.getByText(/done \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/).first()).toBeVisible();
    await expect(overview.locator('.next-action')).not.toContainText('repaired');
    await expect(overview.locator('.next-action')).toContainText('Import certificate');
    await axeBothThemes(page);
    await screenshot(page, 'overview-checklist');
  });
});
