/**
 * The "Decode an error" panel end to end: browser mode (the built CLI), a real SimpleSAMLphp IdP imported into
 * the profile, keyboard use, and axe on the open dialog.
 */
import { expect, test } from '@playwright/test';
import { loginAtIdp } from '../support/idp-login';
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

test('decodes a site error and checks a pasted SAML response from the panel', async ({ page }) => {
  data = makeDataDir();
  wizard = await startWizard(data.dir);
  const profile = await createProfile(wizard);
  idp = await startIdpFor(wizard, profile.id);
  const login = await loginAtIdp({ ssoUrl: idp.ssoUrl, spEntityId: profile.spEntityId, username: 'alice', password: 'alice-pass' });

  await page.goto(wizard.url);
  await page.getByRole('button', { name: 'Decode an error' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Decode an error' });
  await expect(dialog).toBeVisible();

  // Keyboard only: type the message as the site shows it and submit with the button.
  await dialog.getByLabel('Error code, message, or error page address').focus();
  await page.keyboard.type('Invalid digital signature. Contact your administrator for further support.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: 'Error 23: Invalid digital signature' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Fix in: IdP certificate for the site' })).toBeVisible();
  await expectNoAxeViolations(page);

  await dialog.getByLabel('SAMLResponse as posted (Base64), or XML').fill(login.samlResponse);
  await dialog.getByRole('button', { name: 'Check the response' }).click();
  await expect(dialog.getByText('Would sign in as alice@example.com.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('decode-panel.png'), fullPage: true });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
