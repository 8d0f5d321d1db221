// @vitest-environment jsdom
/**
 * Step 5's page against a scripted API (the sign-in itself, with a real browser and IdP, is in the e2e suite):
 * progress is polled into the live region, the verdict, findings and decoded table are shown, fix buttons go
 * to their step, cancel calls the core, and a machine without a browser says what to install.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TestSignInStep from '../../../renderer/src/steps/TestSignInStep.svelte';
import type { ApiMethods } from '../../../shared/api/contract';
import type { Profile, StepId } from '../../../shared/api/profile-schemas';
import { appError } from '../../../shared/app-errors';
import { ok } from '../../../shared/result';
import type { ValidationReport } from '../../../shared/saml/validation-report';
import type { SigninResult, SigninStatus } from '../../../shared/signin/signin-schemas';

afterEach(() => cleanup());

/** The start button once readiness has loaded (it is disabled until then). */
async function startButton(): Promise<HTMLButtonElement> {
  const button = (await screen.findByRole('button', { name: 'Test sign-in' })) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
}

const profile: Profile = {
  id: '11111111-2222-3333-4444-555555555555',
  name: 'Production',
  siteUrl: 'https://meet.example.com/',
  host: 'meet.example.com',
  spEntityId: 'https://meet.example.com',
  acsUrl: 'https://meet.example.com/acs',
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
  progress: { currentStep: 'test', completed: [] },
};

const RUN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function report(signsIn: boolean): ValidationReport {
  return {
    signsIn,
    ...(signsIn ? { subject: 'alice@example.com' } : {}),
    summary: signsIn ? 'Would sign in as alice@example.com.' : 'NameID format is incorrect.',
    findings: signsIn
      ? []
      : [{ check: 'nameid-format', severity: 'error', ssoCode: 25, field: 'Assertion/Subject/NameID/@Format', expected: 'emailAddress', actual: 'transient', explanation: 'The site needs an email NameID.', fixStep: 'attributes' }],
    decoded: {
      rootElement: 'Response', issuer: 'https://idp.example/', assertionIssuer: 'https://idp.example/', issueInstant: '2026-11-28T12:00:00Z', statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success', statusMessage: null,
      destination: 'https://meet.example.com/acs', recipient: 'https://meet.example.com/acs', inResponseTo: '_req1', audiences: ['https://meet.example.com'], notBefore: null, notOnOrAfter: null,
      checkedAt: '2026-11-28T12:00:42.000Z', clockDifferenceSeconds: 42, nameId: 'alice@example.com', nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', nameQualifier: null,
      attributes: { firstname: ['Alice'] }, responseSigned: true, assertionSigned: true, encrypted: false, signingCertificate: null, xml: '<samlp:Response/>',
    },
  };
}

function finished(signsIn: boolean): SigninResult {
  return {
    outcome: 'checked', message: signsIn ? 'Would sign in as alice@example.com.' : 'The site would refuse this response: SSO error 25.', hint: 'hint', initiation: 'sp', startUrl: 'https://idp.example/sso', requestId: '_req1',
    captured: { url: 'https://meet.example.com/acs', binding: 'POST', relayState: null }, report: report(signsIn), verdict: signsIn ? 'would-sign-in' : 'findings', subject: signsIn ? 'alice@example.com' : null,
    codes: signsIn ? [] : [25], errorPage: null, siteAfterForward: null,
  };
}

/** A scripted core: the status polls walk through `script`; every call is recorded. */
function scriptedApi(options: { browser?: boolean; script: SigninStatus[]; cancelled?: SigninStatus }) {
  const calls: { channel: string; input: unknown }[] = [];
  let poll = 0;
  const handlers: Record<string, (input: unknown) => unknown> = {
    'signin.readiness': () => ok({
      browser: options.browser === false ? { available: false, name: null, message: 'No Chromium, Google Chrome or Microsoft Edge was found on this machine.', hint: 'Install Chromium.' } : { available: true, name: 'Chromium', message: '', hint: '' },
      idp: { configured: true, entityId: 'https://idp.example/', ssoUrl: 'https://idp.example/sso', message: '' },
      defaultIdpInitiatedUrl: null,
    }),
    'signin.history': () => ok({ entries: poll > 0 ? [{ runId: RUN, at: '2026-11-28T12:00:00.000Z', profileName: 'Production', initiation: 'sp', idp: 'https://idp.example/', outcome: 'checked', verdict: 'would-sign-in', subject: 'alice@example.com', codes: [], message: 'm' }] : [] }),
    'signin.start': () => ok({ runId: RUN }),
    'signin.status': () => ok(options.script[Math.min(poll++, options.script.length - 1)]),
    'signin.cancel': () => ok(options.cancelled),
    'idp.get': () => ok(null),
  };
  const api = new Proxy({} as ApiMethods, {
    get: (_target, channel: string) => async (input: unknown) => {
      calls.push({ channel, input });
      return handlers[channel]?.(input) ?? appError('not-implemented');
    },
  });
  return { api, calls };
}

const waiting: SigninStatus = { runId: RUN, state: 'waiting', events: [{ seq: 1, at: 't', kind: 'waiting', message: 'Waiting for you to sign in at idp.example…' }], result: null };

describe('TestSignInStep', () => {
  it('polls progress into the live region and shows "would sign in as" with the decoded table and the history', async () => {
    const done: SigninStatus = { runId: RUN, state: 'finished', events: [{ seq: 2, at: 't', kind: 'captured', message: 'Response captured (POST).' }, { seq: 3, at: 't', kind: 'finished', message: 'Would sign in as alice@example.com.' }], result: finished(true) };
    const { api, calls } = scriptedApi({ script: [waiting, done] });
    let changed = 0;
    render(TestSignInStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => void changed++ } });
    await fireEvent.click(await startButton());
    expect(await screen.findByText('Waiting for you to sign in at idp.example…')).toBeTruthy();
    const verdict = await screen.findByRole('heading', { name: 'Would sign in as alice@example.com' }, { timeout: 3000 });
    await waitFor(() => expect(document.activeElement).toBe(verdict));
    expect(screen.getByRole('status', { name: 'Sign-in progress' }).textContent).toContain('Response captured (POST).');
    expect(screen.getByRole('row', { name: /Clock difference/ }).textContent).toContain('42 s');
    expect(screen.getByRole('row', { name: /AuthnRequest ID sent/ }).textContent).toContain('_req1');
    expect(await screen.findByText('would sign in (alice@example.com)')).toBeTruthy();
    expect(changed).toBe(1);
    expect(calls.find((c) => c.channel === 'signin.start')?.input).toEqual({ profileId: profile.id, initiation: 'sp', forwardToSite: false, timeoutSeconds: 300 });
    // Polls ask only for events after the last one seen.
    expect(calls.filter((c) => c.channel === 'signin.status').map((c) => (c.input as { after: number }).after)).toEqual([0, 1]);
  });

  it('lists findings with their code and a button to the step that fixes it', async () => {
    const { api } = scriptedApi({ script: [{ runId: RUN, state: 'finished', events: [], result: finished(false) }] });
    const went: StepId[] = [];
    render(TestSignInStep, { props: { profile, api, ongo: (step: StepId) => went.push(step), onchanged: async () => undefined } });
    await fireEvent.click(await startButton());
    expect(await screen.findByRole('heading', { name: 'The site would refuse this sign-in' }, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText('Code 25')).toBeTruthy();
    expect(screen.getByText('Name Identifier format is incorrect.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Fix in step 4: Attribute checks' }));
    expect(went).toEqual(['attributes']);
  });

  it('cancel asks the core to stop and shows its message', async () => {
    const cancelled: SigninStatus = { runId: RUN, state: 'finished', events: [], result: { ...finished(true), outcome: 'cancelled', message: 'Test sign-in cancelled; the sign-in window was closed.', report: null, verdict: null, subject: null, captured: null } };
    const { api, calls } = scriptedApi({ script: [waiting], cancelled });
    render(TestSignInStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => undefined } });
    await fireEvent.click(await startButton());
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel sign-in' }));
    expect(await screen.findByRole('heading', { name: 'Test sign-in cancelled; the sign-in window was closed.' })).toBeTruthy();
    expect(calls.some((c) => c.channel === 'signin.cancel')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Cancel sign-in' })).toBeNull();
  });

  it('without a browser on the machine the button says so and is disabled, with the install hint', async () => {
    const { api } = scriptedApi({ browser: false, script: [waiting] });
    render(TestSignInStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => undefined } });
    const button = await screen.findByRole('button', { name: 'Test sign-in — No browser for the sign-in window' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/No Chromium, Google Chrome or Microsoft Edge was found/)).toBeTruthy();
    expect(screen.getByText('Install Chromium.')).toBeTruthy();
  });
});
