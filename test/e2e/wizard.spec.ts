import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoAxeViolations } from './support/axe';

/** Every drafts.json under the data folder, as text. */
function draftText(dataDir: string): string {
  const profiles = path.join(dataDir, 'profiles');
  if (!existsSync(profiles)) return '';
  return readdirSync(profiles)
    .map((id) => path.join(profiles, id, 'drafts.json'))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}
import { makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';


test.describe('the wizard in browser mode', () => {
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

  test('a profile entered with the keyboard is restored after a restart, on the step the user left', async ({ page }) => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);

    // The token leaves the address bar as soon as the page has it.
    await expect(page).toHaveURL(`${wizard.origin}/`);
    await expect(page.getByRole('heading', { name: 'Start with your site' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('listitem')).toHaveCount(5);
    await expectNoAxeViolations(page);

    // Keyboard only: focus the first field, type, tab between fields, submit with Enter.
    await page.getByLabel('Profile name').focus();
    await page.keyboard.type('Production');
    await page.keyboard.press('Tab'); // into the site URL field
    await page.keyboard.type('http://meet.example.com');
    await page.keyboard.press('Enter');
    await expect(page.getByText('The site URL must use https://')).toBeVisible();
    await expect(page.getByLabel('Site URL')).toBeFocused();
    await expectNoAxeViolations(page);

    await page.getByLabel('Site URL').fill('');
    await page.keyboard.type('https://Meet.Example.com/');
    // Defaults follow the site URL while the identity fields are empty.
    await expect(page.getByLabel('SP entity ID')).toHaveAttribute('placeholder', 'https://meet.example.com');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Generate CSR' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Created profile "Production"');
    await expect(page.getByLabel('Site profile')).toHaveValue(/.+/);

    // Move to step 3 with the keyboard through the step list.
    const adfs = page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /AD FS export/ });
    await adfs.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'AD FS export', level: 2 })).toBeVisible();
    await expect(adfs).toHaveAttribute('aria-current', 'step');
    await expectNoAxeViolations(page);

    // Restart: a new server process, a new token, the same data folder.
    const oldToken = wizard.token;
    await wizard.stop();
    wizard = await startWizard(data.dir);
    expect(wizard.token).not.toBe(oldToken);
    await page.goto(wizard.url);
    await expect(page.getByLabel('Site profile')).toContainText('Production — meet.example.com');
    // The profile opens on its start page; the step list marks the step opened last.
    await expect(page.getByRole('heading', { name: 'SSO repair of meet.example.com' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /AD FS export\s*,\s*last opened/ }).click();
    await expect(page.getByRole('heading', { name: 'AD FS export', level: 2 })).toBeVisible();

    await page.getByRole('button', { name: 'Edit profile' }).click();
    await expect(page.getByLabel('SP entity ID')).toHaveValue('https://meet.example.com');
    await expect(page.getByLabel('ACS URL')).toHaveValue('https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet');
    expect(cspViolations).toEqual([]);
  });

  test('several profiles are kept, and switching between them restores each one\'s step', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByLabel('Profile name').fill('Site A');
    await page.getByLabel('Site URL').fill('https://a.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('button', { name: /Attribute checks/ }).click();
    await expect(page.getByRole('heading', { name: 'Attribute checks', level: 2 })).toBeVisible();

    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Profile name').fill('Site B');
    await page.getByLabel('Site URL').fill('https://b.example.org');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('heading', { name: 'Generate CSR', level: 2 })).toBeVisible();

    await page.getByLabel('Site profile').selectOption({ label: 'Site A — a.example.com' });
    await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Attribute checks\s*,\s*last opened/ })).toBeVisible();
    await page.getByLabel('Site profile').selectOption({ label: 'Site B — b.example.org' });
    await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Generate CSR\s*,\s*last opened/ })).toBeVisible();
  });

  test('what was typed into step 1 survives leaving the step, a reload and a restart, except the passphrase', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByLabel('Profile name').fill('Production');
    await page.getByLabel('Site URL').fill('https://meet.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByLabel(/Make the key and CSR here/).check();
    await page.getByLabel('Organization (O)').fill('Example Corp');
    await page.getByLabel('Country (C)').fill('DE');
    await page.getByLabel('More host names (SANs)').fill('join.example.com');
    await page.getByLabel('As an encrypted file I save (PKCS#8, AES-256)').check();
    await page.getByLabel('Passphrase for the key file').fill('never-in-a-draft');
    // Drafts are saved shortly after typing stops.
    await expect.poll(() => draftText(data.dir)).toContain('join.example.com');
    expect(draftText(data.dir)).not.toContain('never-in-a-draft');

    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /AD FS export/ }).click();
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Generate CSR/ }).click();
    await expect(page.getByLabel('Organization (O)')).toHaveValue('Example Corp');

    await wizard.stop();
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Generate CSR\s*,\s*last opened/ }).click();
    await expect(page.getByLabel('Organization (O)')).toHaveValue('Example Corp');
    await expect(page.getByLabel('Country (C)')).toHaveValue('DE');
    await expect(page.getByLabel('More host names (SANs)')).toHaveValue('join.example.com');
    await expect(page.getByLabel('As an encrypted file I save (PKCS#8, AES-256)')).toBeChecked();
    await expect(page.getByLabel('Passphrase for the key file')).toHaveValue('');
    // The path chosen in step 1 comes back with the draft, so what was typed is not hidden behind the other path.
    await expect(page.getByLabel(/Make the key and CSR here/)).toBeChecked();
  });

  test('the page opened without its token says how to get in', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(`${wizard.origin}/`);
    await expect(page.getByRole('alert')).toContainText('opened without its access token');
    await expectNoAxeViolations(page);
  });

  test('the Decode an error panel is reachable from every step and closes with Escape', async ({ page }) => {
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    await page.getByRole('button', { name: 'Decode an error' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decode an error' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('an unreadable state file is kept aside and reported on the page, and the wizard still starts', async ({ page }) => {
    writeFileSync(path.join(data.dir, 'state.json'), '{"version":1,"profiles":[{"trunc');
    wizard = await startWizard(data.dir);
    await page.goto(wizard.url);
    const alert = page.getByRole('alert').filter({ hasText: 'Your saved state could not be read' });
    await expect(alert).toContainText('not valid JSON');
    await expect(alert).toContainText('state.json.unreadable-');
    await expect(page.getByRole('heading', { name: 'Start with your site' })).toBeVisible();
    const aside = readdirSync(data.dir).find((name) => name.startsWith('state.json.unreadable-'));
    expect(aside && readFileSync(path.join(data.dir, aside), 'utf8')).toBe('{"version":1,"profiles":[{"trunc');
    await expectNoAxeViolations(page);
  });

  test('the served page carries the strict CSP and security headers', async ({ request }) => {
    wizard = await startWizard(data.dir);
    const response = await request.get(`${wizard.origin}/`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
