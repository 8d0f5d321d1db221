/**
 * "IdP certificate for the site" end to end: browser mode with a real SimpleSAMLphp IdP imported into the profile.
 * The fix for error 23 opens the panel; the saved .cer has the fingerprint of the IdP's signing certificate
 * (checked with openssl), and the choice is recorded for the site. Screenshots in both themes and at 320 px.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { SimpleSamlIdp } from '../support/simplesamlphp';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';
import { createProfile, startIdpFor } from './support/signin-harness';

let data: ReturnType<typeof makeDataDir>;
let wizard: RunningWizard | undefined;
let idp: SimpleSamlIdp | undefined;

test.afterEach(async () => {
  await idp?.stop();
  await wizard?.stop();
  data.remove();
});

const fingerprintOf = (input: string) => execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input }).toString().trim().split('=')[1];

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the fix for error 23 opens the panel, which saves the IdP's signing certificate as .cer (${colorScheme})`, async ({ browser }) => {
    data = makeDataDir();
    wizard = await startWizard(data.dir);
    const profile = await createProfile(wizard);
    idp = await startIdpFor(wizard, profile.id);
    const context = await browser.newContext({ colorScheme, acceptDownloads: true });
    const page = await context.newPage();

    await page.goto(wizard.url);
    await page.getByRole('button', { name: 'Decode an error' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Decode an error' });
    await dialog.getByLabel('Error code, message, or error page address').fill('23');
    await dialog.getByRole('button', { name: 'Decode', exact: true }).click();
    await expect(dialog.getByRole('heading', { name: 'Error 23: Invalid digital signature' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Fix in: IdP certificate for the site' }).click();
    const panel = dialog.getByRole('region', { name: 'IdP certificate for the site' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'IdP certificate for the site' })).toBeFocused();
    const expected = fingerprintOf(idp.certificatePem) as string;
    await expect(panel.getByText(expected)).toBeVisible();
    await expectNoAxeViolations(page);
    await panel.screenshot({ path: test.info().outputPath(`idp-certificate-${colorScheme}.png`) });

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Save .cer for the site' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^127\.0\.0\.1-token-signing-[0-9a-f]{8}\.cer$/);
    const saved = readFileSync(await download.path(), 'utf8');
    expect(saved).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(fingerprintOf(saved)).toBe(expected);
    await expect(panel.getByText(/^Saved 127\.0\.0\.1-token-signing-/)).toBeVisible();
    await expect(panel.getByText('Saved for the site')).toBeVisible();

    // The record is kept in the profile's IdP store with the time.
    const stored = JSON.parse(readFileSync(`${data.dir}/profiles/${profile.id}/idp.json`, 'utf8'));
    expect(stored.siteCertificate).toMatchObject({ sha256Fingerprint: expected, fileName: download.suggestedFilename() });

    await page.setViewportSize({ width: 320, height: 800 });
    await expect(panel).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
}
