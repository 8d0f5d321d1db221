// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DecodePanel from '../../../renderer/src/components/DecodePanel.svelte';
import type { ApiMethods } from '../../../shared/api/contract';
import type { Profile } from '../../../shared/api/profile-schemas';
import { ok } from '../../../shared/result';
import type { ValidationReport } from '../../../shared/saml/validation-report';

afterEach(cleanup);

// jsdom has <dialog> without its methods: the smallest stand-ins, so the panel's own code runs unchanged.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) { this.removeAttribute('open'); };

/** Renders the panel and opens its dialog as the app does (its forms are drawn on the first open). */
function show(props: Record<string, unknown>) {
  const view = render(DecodePanel, { props });
  (view.component as unknown as { open: () => void }).open();
  return view;
}

const profile: Profile = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Prod',
  siteUrl: 'https://meet.example.com',
  host: 'meet.example.com',
  spEntityId: 'https://meet.example.com',
  acsUrl: 'https://meet.example.com/acs',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  progress: { currentStep: 'csr', completed: [] },
};

const report: ValidationReport = {
  signsIn: false,
  summary: 'Would fail with error 24 (Untrusted Issuer): the issuer differs.',
  findings: [
    { check: 'issuer', severity: 'error', ssoCode: 24, field: 'Assertion/Issuer', expected: 'http://adfs/trust', actual: 'http://evil', explanation: 'The assertion comes from an issuer the site does not trust.', fixStep: 'adfs' },
  ],
  decoded: {
    rootElement: 'samlp:Response', issuer: 'http://evil', assertionIssuer: 'http://evil', issueInstant: '2026-01-01T00:00:00Z', statusCode: null, statusMessage: null,
    destination: null, recipient: null, inResponseTo: null, audiences: [], notBefore: null, notOnOrAfter: null, checkedAt: '2026-01-01T00:00:05Z',
    clockDifferenceSeconds: 5, nameId: 'alice@example.com', nameIdFormat: null, nameQualifier: null, attributes: { email: ['alice@example.com'] },
    responseSigned: false, assertionSigned: true, encrypted: false, signingCertificate: null, xml: '<samlp:Response/>', original: null,
  },
};

function fakeApi(calls: unknown[]): ApiMethods {
  return {
    'saml.decode': async (input: unknown) => (calls.push(input), ok(report)),
    'idp.get': async () => ok(null),
    'idp.siteCertificates': async () =>
      ok({
        entityId: 'http://adfs.example.com/adfs/services/trust',
        certificates: [{ subject: 'CN=ADFS Signing - adfs.example.com', issuer: 'CN=ADFS Signing - adfs.example.com', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', sha256Fingerprint: 'AB:'.repeat(31) + 'AB', state: 'valid', signsNow: true, savedForSite: false }],
        signsNowSource: 'Seen in the test sign-in of 2026-11-30T10:00:00.000Z.',
        saved: null,
      }),
  } as unknown as ApiMethods;
}

describe('DecodePanel', () => {
  it('draws its forms only when first opened, and keeps what was typed when it opens again', async () => {
    const view = render(DecodePanel, { props: { api: fakeApi([]), profile } });
    expect(view.container.ownerDocument.querySelector('#decode-error-input')).toBeNull();
    const panel = view.component as unknown as { open: (initial?: string) => void };
    panel.open();
    const input = view.container.ownerDocument.querySelector<HTMLTextAreaElement>('#decode-error-input');
    expect(input).not.toBeNull();
    await fireEvent.input(input as HTMLTextAreaElement, { target: { value: 'error 23' } });
    view.container.ownerDocument.querySelector('dialog')?.close();
    panel.open();
    expect(view.container.ownerDocument.querySelector<HTMLTextAreaElement>('#decode-error-input')?.value).toBe('error 23');
  });

  it('decodes a pasted site message locally and offers the step that fixes it', async () => {
    const went: string[] = [];
    show({ api: fakeApi([]), profile, ongo: (step: string) => went.push(step) });
    await fireEvent.input(screen.getByLabelText('Error code, message, or error page address'), { target: { value: 'only post request is supported. contact your administrator' } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Decode' }));
    expect(await screen.findByRole('heading', { name: 'Error 5: Only POST request is supported' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Go to step 3: AD FS export' }));
    expect(went).toEqual(['adfs']);
  });

  it('error 23 opens "IdP certificate for the site", not step 3', async () => {
    const went: string[] = [];
    show({ api: fakeApi([]), profile, ongo: (step: string) => went.push(step) });
    await fireEvent.input(screen.getByLabelText('Error code, message, or error page address'), { target: { value: 'invalid digital signature. contact your administrator' } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Decode' }));
    expect(await screen.findByRole('heading', { name: 'Error 23: Invalid digital signature' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Go to step 3: AD FS export' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Fix in: IdP certificate for the site' }));
    expect(await screen.findByText('AB:'.repeat(31) + 'AB', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save .cer for the site' })).toBeTruthy();
    expect(went).toEqual([]);
  });

  it('lists the nearest entries for unknown text, and each opens its entry', async () => {
    const view = show({ api: fakeApi([]), profile });
    await fireEvent.input(screen.getByLabelText('Error code, message, or error page address'), { target: { value: 'assertion expird' } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Decode' }));
    const results = view.container.ownerDocument.querySelector('.decode-results') as HTMLElement;
    expect(await within(results).findByText(/Not one of the site|not one of the site/)).toBeTruthy();
    await fireEvent.click(within(results).getByRole('button', { name: '19: SAML assertion is expired' }));
    expect(await screen.findByRole('heading', { name: 'Error 19: SAML assertion is expired' })).toBeTruthy();
  });

  it('checks a pasted SAML response for the profile and shows the findings', async () => {
    const calls: unknown[] = [];
    show({ api: fakeApi(calls), profile });
    await fireEvent.input(screen.getByLabelText('SAMLResponse as posted (Base64), or XML'), { target: { value: 'PHNhbWxwOlJlc3BvbnNlLz4=' } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Check the response' }));
    expect(await screen.findByText(/Would fail with error 24/)).toBeTruthy();
    expect(screen.getByText('Untrusted Issuer.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.classList.contains('saml-verdict')).toBe(true));
    expect(calls).toEqual([{ profileId: profile.id, samlResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=', binding: 'POST' }]);
  });

  it('without a profile, says a profile is needed for the response check', () => {
    show({});
    expect(screen.getByText(/select a site profile first/)).toBeTruthy();
  });
});
