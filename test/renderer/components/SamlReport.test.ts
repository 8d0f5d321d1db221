// @vitest-environment jsdom
/**
 * The one view of a checked SAML response, fed by both shapes the core answers (a validation report for
 * Decode and step 5, the attribute check of step 4): the verdict once, findings with their code and fix,
 * the decoded values, and the copy/save actions only where there is something to copy.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SamlReport from '../../../renderer/src/components/SamlReport.svelte';
import { fromAttributeCheck, fromValidationReport } from '../../../renderer/src/kit/report-view';
import type { Output } from '../../../shared/api/contract';
import type { StepId } from '../../../shared/api/profile-schemas';
import type { ValidationReport } from '../../../shared/saml/validation-report';

afterEach(() => cleanup());

const report: ValidationReport = {
  signsIn: false,
  summary: 'Would fail with error 25 (Name Identifier format is incorrect): the site needs an email NameID.',
  findings: [
    { check: 'nameid-format', severity: 'error', ssoCode: 25, field: 'Assertion/Subject/NameID/@Format', expected: 'emailAddress', actual: 'transient', explanation: 'The site needs an email NameID.', fixStep: 'attributes' },
    { check: 'nameid-format', severity: 'warning', ssoCode: null, field: 'Assertion/@IssueInstant', expected: null, actual: null, explanation: 'Clock differs.', fixStep: null },
  ],
  decoded: {
    rootElement: 'Response', issuer: 'https://idp.example/', assertionIssuer: 'https://idp.example/', issueInstant: '2026-11-28T12:00:00Z', statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success', statusMessage: null,
    destination: 'https://meet.example.com/acs', recipient: 'https://meet.example.com/acs', inResponseTo: '_req1', audiences: ['https://meet.example.com'], notBefore: null, notOnOrAfter: null,
    checkedAt: '2026-11-28T12:00:42.000Z', clockDifferenceSeconds: 42, nameId: 'alice@example.com', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', nameQualifier: null,
    attributes: { firstname: ['Alice'] }, responseSigned: true, assertionSigned: true, encrypted: false, signingCertificate: null, xml: '<samlp:Response/>', original: 'PHNhbWxwOlJlc3BvbnNlLz4=',
  },
};

describe('SamlReport', () => {
  it('says the verdict once, lists findings by code or severity, and a fix button goes to its step', async () => {
    const went: StepId[] = [];
    render(SamlReport, { props: { view: fromValidationReport(report), ongo: (step: StepId) => went.push(step) } });
    const verdict = document.querySelector('.saml-verdict');
    expect(verdict?.textContent).toBe(report.summary);
    expect(verdict?.textContent?.match(/would (not )?(sign in|fail)/gi)).toHaveLength(1);
    expect(screen.getByText('Code 25')).toBeTruthy();
    expect(screen.getByText('Warning')).toBeTruthy();
    expect(screen.getByText('Name Identifier format is incorrect.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Fix in step 4: Attribute checks' }));
    expect(went).toEqual(['attributes']);
    expect(screen.getByRole('row', { name: /Clock difference/ }).textContent).toContain('42 s');
    expect(screen.getByRole('row', { name: /Attributes: firstname/ }).textContent).toContain('Alice');
    expect(screen.queryByRole('row', { name: /AuthnRequest ID sent/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy original (Base64)' })).toBeTruthy();
    expect(screen.getByText('The response as XML, reformatted for reading')).toBeTruthy();
  });

  it('as step 5 shows it: its own verdict as a heading, and the request ID sent', () => {
    render(SamlReport, { props: { view: fromValidationReport(report, { verdict: 'The site would refuse this sign-in', requestId: '_req1' }), verdictAs: 'h3', verdictId: 'signin-result-heading' } });
    expect(screen.getByRole('heading', { name: 'The site would refuse this sign-in', level: 3 }).id).toBe('signin-result-heading');
    expect(screen.getByRole('row', { name: /AuthnRequest ID sent/ }).textContent).toContain('_req1');
    // Without a way to a step, no dead fix button is drawn.
    expect(screen.queryByRole('button', { name: /^Fix in step/ })).toBeNull();
  });

  it('as step 4 shows it: the claim rule that fixes a finding, the values, and nothing to copy that is not there', () => {
    const check: Output<'attributes.checkResponse'> = {
      passes: false,
      nameId: 'alice',
      nameIdFormat: null,
      attributes: { email: ['alice@example.com'] },
      extraAttributes: [],
      findings: [{ ...report.findings[0]!, ssoCode: 31, field: 'lastname', fixRule: '=> issue(Type = "lastname");' }],
      notes: [],
    };
    render(SamlReport, { props: { view: fromAttributeCheck(check, 'The site would refuse this sign-in or fail to create or update the account:'), verdictAs: 'h3' } });
    const finding = document.querySelector('.finding') as HTMLElement;
    expect(within(finding).getByText('Code 31')).toBeTruthy();
    expect(within(finding).getByText('=> issue(Type = "lastname");')).toBeTruthy();
    expect(within(finding).getByRole('button', { name: 'Copy rule: lastname' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /^NameID alice/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy original (Base64)' })).toBeNull();
    expect(screen.queryByText('The response as XML, reformatted for reading')).toBeNull();
  });

  it('with nothing to object to, draws no findings list', () => {
    render(SamlReport, { props: { view: fromValidationReport({ ...report, signsIn: true, summary: 'Would sign in as alice@example.com.', findings: [] }) } });
    expect(document.querySelector('.saml-verdict.success')?.textContent).toBe('Would sign in as alice@example.com.');
    expect(document.querySelector('.report-findings')).toBeNull();
  });
});
