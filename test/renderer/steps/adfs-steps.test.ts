// @vitest-environment jsdom
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AdfsStep from '../../../renderer/src/steps/AdfsStep.svelte';
import AttributesStep from '../../../renderer/src/steps/AttributesStep.svelte';
import { CHANNELS, type ApiMethods } from '../../../shared/api/contract';
import type { Profile, StepId } from '../../../shared/api/profile-schemas';
import { createCore, type Core } from '../../../main/app/core/create-core';
import { testOutside } from '../../support/test-outside.js';

let dataDir: string;
let core: Core;
let profile: Profile;

/** The renderer's API backed by a real core in this process (the contract is the only thing in between). */
function apiFor(target: Core): ApiMethods {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => target.dispatch(channel, input)])) as unknown as ApiMethods;
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-adfs-ui-'));
  core = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir });
  const created = await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://meet.example.com' });
  if (!created.ok) throw new Error(created.error.message);
  profile = created.value as Profile;
});

afterEach(async () => {
  cleanup();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('AdfsStep', () => {
  it('without a site certificate: says which step to do first, still shows the claim rules with copy and save', async () => {
    const went: StepId[] = [];
    render(AdfsStep, { props: { profile, api: apiFor(core), ongo: (step: StepId) => went.push(step), onchanged: async () => undefined } });
    expect(await screen.findByText(/No site certificate is imported for this profile yet/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Go to step 2: Import certificate' }));
    expect(went).toEqual(['import']);
    expect(screen.getByText('meet.example.com-claim-rules.txt')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy meet.example.com-claim-rules.txt' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save meet.example.com-claim-rules.txt' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Export folder and .zip' })).toBeNull();
  });

  it('saves an edited LDAP attribute (uid and SAML_SUBJECT follow the email) and rebuilds the rules with it', async () => {
    render(AdfsStep, { props: { profile, api: apiFor(core), ongo: () => undefined, onchanged: async () => undefined } });
    const input = await screen.findByLabelText('LDAP attribute for email');
    await fireEvent.input(input, { target: { value: 'userPrincipalName' } });
    expect((screen.getByLabelText('LDAP attribute for uid') as HTMLInputElement).value).toBe('userPrincipalName');
    await fireEvent.submit(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved; the files below were rebuilt.')).toBeTruthy();
    expect(document.querySelector('.adfs-content')?.textContent).toContain(';givenName,sn,userPrincipalName,userPrincipalName,userPrincipalName,userPrincipalName;{0}');
  });
});

describe('AttributesStep', () => {
  it('checks the generated rules and reports every attribute as sent', async () => {
    let changed = 0;
    render(AttributesStep, { props: { profile, api: apiFor(core), ongo: () => undefined, onchanged: async () => void (changed += 1) } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Check the rules' }));
    expect(await screen.findByText('All required attributes will be sent, with the right names and formats.')).toBeTruthy();
    expect(screen.getAllByText('Sent')).toHaveLength(6);
    expect(changed).toBe(1);
  });

  it('pasted rules without a NameID: names code 2 and offers the rule to copy', async () => {
    render(AttributesStep, { props: { profile, api: apiFor(core), ongo: () => undefined, onchanged: async () => undefined } });
    await fireEvent.click(screen.getByLabelText('Rules pasted from AD FS'));
    await fireEvent.input(await screen.findByLabelText('Claim rules from AD FS'), {
      target: {
        value:
          'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]\n => issue(store = "Active Directory", types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT"), query = ";givenName,sn,mail,mail,mail;{0}", param = c.Value);',
      },
    });
    await fireEvent.submit(screen.getByRole('button', { name: 'Check the rules' }));
    expect(await screen.findByText(/No rule issues a Name ID claim.*Site error 2/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy rule: NameID' })).toBeTruthy();
  });

  it('a syntax error in pasted rules is shown with its line', async () => {
    render(AttributesStep, { props: { profile, api: apiFor(core), ongo: () => undefined, onchanged: async () => undefined } });
    await fireEvent.click(screen.getByLabelText('Rules pasted from AD FS'));
    await fireEvent.input(await screen.findByLabelText('Claim rules from AD FS'), { target: { value: '@RuleName = "x"\nc:[Type = "a"] => issue(claim = c);' } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Check the rules' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Line 2, column \d+/);
  });
});
