/**
 * What the live test sign-in e2e tests share: the wizard's own API (to set a profile up the way the UI
 * would, quickly), a real SimpleSAMLphp IdP, and a Playwright handle on the SEPARATE sign-in browser the
 * wizard launches. The wizard runs with two test-only switches: SSO_WIZARD_SIGNIN_HEADLESS=1 (no display
 * here) and SSO_WIZARD_SIGNIN_DEBUG_PORT, which opens a DevTools port on that browser so the test can type
 * into the IdP's login form like a user would.
 */
import { execFileSync } from 'node:child_process';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { freePort, startSimpleSamlIdp, type HostedOverrides, type SimpleSamlIdp } from '../../support/simplesamlphp';
import { startWizard, type RunningWizard } from './browser-mode';

export const SITE_URL = 'https://meet.example.test';

export async function startSigninWizard(dataDir: string): Promise<{ wizard: RunningWizard; debugPort: number }> {
  const debugPort = await freePort();
  const wizard = await startWizard(dataDir, { SSO_WIZARD_SIGNIN_HEADLESS: '1', SSO_WIZARD_SIGNIN_DEBUG_PORT: String(debugPort), CHROME_PATH: '/usr/bin/chromium' });
  return { wizard, debugPort };
}

/** Calls the wizard's API exactly as its own page does (same origin, same token). */
export async function callApi<T>(wizard: RunningWizard, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${wizard.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sso-wizard-token': wizard.token, origin: wizard.origin },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

export async function createProfile(wizard: RunningWizard, name = 'Production'): Promise<{ id: string; acsUrl: string; spEntityId: string }> {
  return callApi(wizard, 'profile.create', { name, siteUrl: SITE_URL });
}

/** Starts SimpleSAMLphp trusting the SP metadata the wizard exports, and imports the IdP's metadata into the profile. */
export async function startIdpFor(wizard: RunningWizard, profileId: string, hosted: HostedOverrides = {}, editSpMetadata: (xml: string) => string = (xml) => xml): Promise<SimpleSamlIdp> {
  const { xml } = await callApi<{ xml: string }>(wizard, 'saml.spMetadata', { profileId });
  const idp = await startSimpleSamlIdp({ spMetadataXml: editSpMetadata(xml), hosted });
  await callApi(wizard, 'idp.import', { profileId, text: idp.metadataXml });
  return idp;
}

/** Attaches to the wizard's sign-in browser (retrying while it starts) and returns the page showing the IdP. */
export async function signinPage(debugPort: number, idpBaseUrl: string): Promise<{ browser: Browser; page: Page }> {
  let browser: Browser | undefined;
  for (let attempt = 0; attempt < 100 && !browser; attempt++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`).catch(() => undefined);
    if (!browser) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!browser) throw new Error(`The sign-in browser did not open its DevTools port ${debugPort}.`);
  const connected = browser;
  let page: Page | undefined;
  await expect
    .poll(() => {
      page = connected.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().startsWith(idpBaseUrl));
      return page !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  return { browser: connected, page: page as Page };
}

/** Types the credentials into SimpleSAMLphp's own login form (exampleauth:UserPass) and submits it. */
export async function typeCredentials(page: Page, username = 'alice', password = 'alice-pass'): Promise<void> {
  const user = page.locator('input[name="username"]');
  await user.waitFor({ timeout: 15_000 });
  await user.fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="password"]').press('Enter');
}

/** Sign-in browsers still running anywhere on this machine (their throw-away profile folders name them). */
export function signinBrowserProcesses(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('--user-data-dir=') && line.includes('sso-wizard-signin-') && !line.includes('--type='));
}
