/**
 * The diagnostic report as a user gets it: saved from the start page, then opened in Chromium with every
 * network request refused. It must render completely offline and carry no private key or password.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectNoAxeViolations } from './support/axe';
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';

let wizard: RunningWizard | undefined;
let data: ReturnType<typeof makeDataDir>;
test.beforeEach(() => {
  data = makeDataDir();
});
test.afterEach(async () => {
  await wizard?.stop();
  wizard = undefined;
  data.remove();
});

test('the report saved from the start page renders offline and holds no secret', async ({ page, context }) => {
  wizard = await startWizard(data.dir);
  await page.goto(wizard.url);
  await page.getByLabel('Profile name').fill('Production');
  await page.getByLabel('Site URL').fill('https://meet.example.com');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'SSO repair of meet.example.com' })).toBeVisible();
  await expect(page.getByText('Next: step 1, Generate CSR.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Mask user names and email addresses').check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save report' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^meet\.example\.com-sso-report-\d{4}-\d\d-\d\d-\d\d-\d\d\.html$/);
  // Saved under its own name, so the browser opens it as the HTML file it is.
  const file = path.join(data.dir, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByText(/^Saved meet\.example\.com-sso-report-.*\.html\.$/)).toBeVisible();

  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
  expect(pdfDownload.suggestedFilename()).toMatch(/^meet\.example\.com-sso-report-.*\.pdf$/);
  expect(readFileSync(await pdfDownload.path()).subarray(0, 5).toString()).toBe('%PDF-');

  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/PRIVATE KEY/);
  expect(html).toContain('Personal data (user names and email addresses) is masked.');

  // Open it with the network cut: any request at all is recorded and refused.
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const report = await context.newPage();
  await report.goto(pathToFileURL(file).href);
  await expect(report.getByRole('heading', { name: 'SSO diagnostic report: meet.example.com', level: 1 })).toBeVisible();
  // It opens with the one-screen summary: where the repair stands, what is open, the last test sign-in, expiry dates.
  await expect(report.getByRole('heading', { level: 2 }).first()).toHaveText('Summary');
  await expect(report.locator('.summary .standing')).toHaveText(/^Next: step 1, Generate CSR./);
  await expect(report.locator('.summary')).toContainText('Last test sign-in');
  await expect(report.getByRole('heading', { name: 'Site profile' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Certificates' })).toBeVisible();
  expect(requests).toEqual([]);
  await expectNoAxeViolations(report);
});
