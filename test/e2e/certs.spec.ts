import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { opensslResult } from '../main/domains/certs/openssl-tool';
import { createTestCa, type TestCa } from '../main/domains/certs/test-ca';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';

/** With SSO_WIZARD_SCREENSHOTS=1 (test/tools/certs-screenshot.mjs) the walk-through also refreshes the docs' pictures. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env['SSO_WIZARD_SCREENSHOTS']) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('.step-page').screenshot({ path: `docs/screenshots/${name}${scheme === 'dark' ? '-dark' : ''}.png`, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

test.describe('steps 1 and 2 in browser mode', () => {
  let data: ReturnType<typeof makeDataDir>;
  let wizard: RunningWizard | undefined;
  let ca: TestCa;

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

  test('generate a CSR with visible progress, save it, import the signed certificate, export for the site and AD FS', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByLabel('Profile name').fill('Production');
    await page.getByLabel('Site URL').fill('https://meet.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('heading', { name: 'Generate CSR', level: 2 })).toBeVisible();

    await page.getByLabel(/Make the key and CSR here/).check();
    await page.getByLabel('Key type').selectOption('rsa-4096');
    await page.getByLabel('Country (C)').fill('12');
    // The key goes to an encrypted file (where there is no keychain, the only choice): its passphrase first, so
    // that the core, not the browser's own check of the required passphrase, answers the bad country.
    await page.getByLabel('As an encrypted file I save (PKCS#8, AES-256)').check();
    await page.getByLabel('Passphrase for the key file').fill('e2e-passphrase');
    await page.getByLabel('Repeat the passphrase').fill('e2e-passphrase');
    await page.getByRole('button', { name: 'Generate key and CSR' }).click();
    await expect(page.getByRole('alert')).toContainText('two-letter ISO 3166 code');
    await expect(page.getByLabel('Country (C)')).toBeFocused();
    await page.getByLabel('Country (C)').fill('DE');
    await page.getByLabel('More host names (SANs)').fill('join.example.com');
    await page.getByLabel('As an encrypted file I save (PKCS#8, AES-256)').check();
    await page.getByLabel('Passphrase for the key file').fill('e2e-passphrase');
    await page.getByLabel('Repeat the passphrase').fill('e2e-passphrase');
    await page.getByRole('button', { name: 'Generate key and CSR' }).click();
    // RSA 4096 takes long enough for the progress indicator to be seen.
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your CSR' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.locator('.cert-result')).toContainText('meet.example.com, join.example.com');
    await expect(page.locator('.cert-result')).toContainText('RSA 4096 bits');
    await expectNoAxeViolations(page);
    await screenshot(page, 'step-1-csr');

    const [csrDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save meet.example.com.csr' }).click()]);
    expect(csrDownload.suggestedFilename()).toBe('meet.example.com.csr');
    const csrFile = path.join(data.dir, 'downloaded.csr');
    await csrDownload.saveAs(csrFile);
    expect(opensslResult(['req', '-verify', '-noout', '-in', csrFile]).status).toBe(0);
    const [keyDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Save encrypted key/ }).click()]);
    expect(keyDownload.suggestedFilename()).toBe('meet.example.com.key.p8.pem');

    const signed = path.join(data.dir, 'signed.crt');
    writeFileSync(signed, (await ca.sign(readFileSync(csrFile, 'utf8'))) + ca.intermediatePem);
    writeFileSync(path.join(data.dir, 'root.crt'), ca.rootPem);

    await page.getByRole('button', { name: /Next step: Import certificate/ }).click();
    await expect(page.getByRole('heading', { name: 'Import certificate', level: 2 })).toBeVisible();
    await page.getByLabel('Certificate files', { exact: true }).setInputFiles(signed);
    await page.getByLabel('Extra trusted roots (optional)').setInputFiles(path.join(data.dir, 'root.crt'));
    await page.getByLabel('Key file passphrase').fill('e2e-passphrase');
    await page.getByRole('button', { name: 'Import and check' }).click();
    await expect(page.getByText(/The certificate matches the key and CSR made here on/)).toBeVisible();
    await expect(page.getByText('The chain is complete')).toBeVisible();
    await expect(page.locator('.finding-error')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'step-2-import');

    const [cer] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'AD FS certificate (Base64 .cer)' }).click()]);
    expect(cer.suggestedFilename()).toBe('meet.example.com-adfs.cer');
    await page.getByLabel('PFX passphrase').fill('pfx-passphrase');
    const [pfx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Save PFX/ }).click()]);
    const pfxFile = path.join(data.dir, 'site.pfx');
    await pfx.saveAs(pfxFile);
    expect(opensslResult(['pkcs12', '-info', '-in', pfxFile, '-passin', 'pass:pfx-passphrase', '-nokeys']).status).toBe(0);

    // Both steps are marked done in the step list.
    await expect(page.getByRole('navigation', { name: 'Steps' }).locator('.step-link.done')).toHaveCount(2);

    // Back on step 1 the latest CSR is shown again, ready to copy or save.
    await page.getByRole('button', { name: /Back: Generate CSR/ }).click();
    await expect(page.getByRole('heading', { name: /Expected key: the key and CSR made here on/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save meet.example.com.csr' })).toBeVisible();
  });

  test('a dropped key file and cut-short pasted text get messages naming them', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByLabel('Profile name').fill('Production');
    await page.getByLabel('Site URL').fill('https://meet.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('button', { name: /Next step: Import certificate/ }).click();
    // Drag and drop: a file dropped on the zone is the file imported.
    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'], 'dropped.key', { type: 'application/x-pem-file' }));
      return transfer;
    });
    await page.locator('.drop-zone').dispatchEvent('dragover', { dataTransfer: dropped });
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByText('Chosen: dropped.key')).toBeVisible();
    await page.getByRole('button', { name: 'Import and check' }).click();
    await expect(page.getByRole('alert')).toContainText('"dropped.key" holds a private key, not a certificate.');
    await page.getByLabel('Certificate files', { exact: true }).setInputFiles([]);
    await page.getByLabel('Or paste the certificate text').fill('-----BEGIN CERTIFICATE-----\nMIIB');
    await page.getByRole('button', { name: 'Import and check' }).click();
    await expect(page.getByRole('alert')).toContainText('"pasted certificate" is cut short');
  });
});
