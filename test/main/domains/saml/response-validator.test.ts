/** Table-driven structure checks on locally signed responses, with a fixed clock; each agrees with xmlsec1. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSamlResponse } from '../../../../main/domains/saml/response-validator.js';
import { responseXml, signElement, type ResponseShape } from '../../../support/saml-response-signer.js';
import { makeKeyPair } from '../../../support/simplesamlphp.js';
import { xmlsecVerify } from '../../../support/xmlsec-verify.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const SP = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
const IDP = 'http://adfs.example.com/adfs/services/trust';
let dir = '';
let key = { keyPem: '', certPem: '' };
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-validator-'));
  key = makeKeyPair(dir, 'adfs', '/CN=ADFS Signing - adfs.example.com');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(shape: Partial<ResponseShape>, sign: Array<'Assertion' | 'Response'> = ['Assertion']) {
  let xml = responseXml({ now: NOW, ...shape });
  for (const target of sign) xml = signElement(xml, target, key.keyPem, key.certPem);
  for (const target of sign) expect(xmlsecVerify(xml, key.certPem, target), `xmlsec1 on ${target}`).toBe(true);
  const report = validateSamlResponse({ samlResponse: Buffer.from(xml).toString('base64'), binding: 'POST', sp: SP, idp: { entityId: IDP, certificatesPem: [key.certPem] }, now: NOW });
  return { report, codes: [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.ssoCode))] };
}

describe('validateSamlResponse (fixed clock)', () => {
  it('a complete signed response signs in', () => {
    const { report, codes } = check({});
    expect(codes).toEqual([]);
    expect(report.subject).toBe('alice@example.com');
    expect(report.decoded.clockDifferenceSeconds).toBe(0);
  });

  it.each([
    { name: 'non-success status without an assertion', shape: { status: 'urn:oasis:names:tc:SAML:2.0:status:Responder', assertion: false }, sign: ['Response'] as const, want: [29] },
    { name: 'Version 1.1', shape: { version: '1.1' }, want: [29] },
    { name: 'no Subject', shape: { subject: false }, want: [13, 2] },
    { name: 'no NameID', shape: { nameId: null }, want: [2] },
    { name: 'no AuthnStatement', shape: { authnStatement: 'none' as const }, want: [13] },
    { name: 'empty AuthnContext', shape: { authnStatement: 'empty-context' as const }, want: [13] },
    { name: 'issuer of another IdP', shape: { issuer: 'http://other-adfs.example.com/adfs/services/trust' }, want: [24] },
    { name: 'recipient of another site', shape: { acsUrl: 'https://other.example.com/sso/acs' }, want: [14] },
    { name: 'NameQualifier of the AD FS', shape: { nameIdAttributes: `Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" NameQualifier="${IDP}"` }, want: [10] },
    { name: 'audience of another SP', shape: { audience: 'https://other.example.com' }, want: [null] },
  ])('$name → $want', ({ shape, sign, want }) => {
    const { report, codes } = check(shape, sign ? [...sign] : ['Assertion']);
    expect(report.signsIn).toBe(false);
    expect(codes).toEqual(want);
  });

  // Issue 16 item 5: what the Web SSO profile requires (saml-profiles §4.1.4.2) is an error even when signed by the IdP.
  it.each([
    { name: 'no AudienceRestriction', shape: { audience: null }, want: [13], check: 'audience' },
    { name: 'no Conditions at all', shape: { conditions: false }, want: [13], check: 'audience' },
    { name: 'no NotOnOrAfter anywhere', shape: { subjectNotOnOrAfter: null, conditionsNotOnOrAfter: null }, want: [19], check: 'assertion-time' },
    { name: 'no NotOnOrAfter in the bearer confirmation', shape: { subjectNotOnOrAfter: null }, want: [19], check: 'assertion-time' },
    { name: 'NotOnOrAfter "yesterday"', shape: { subjectNotOnOrAfter: 'yesterday', conditionsNotOnOrAfter: 'yesterday' }, want: [19], check: 'assertion-time' },
    { name: 'a bare date as NotOnOrAfter', shape: { conditionsNotOnOrAfter: '2026-11-29' }, want: [19], check: 'assertion-time' },
  ])('signed by the IdP but $name → not "would sign in" ($want)', ({ shape, want, check: id }) => {
    const { report, codes } = check(shape);
    expect(report.signsIn).toBe(false);
    expect(report.summary).not.toMatch(/Would sign in/);
    expect(codes).toEqual(want);
    expect(report.findings.find((f) => f.severity === 'error')?.check).toBe(id);
  });

  it('an assertion without NotOnOrAfter is still refused 30 days later (no replay)', () => {
    let xml = responseXml({ now: NOW, subjectNotOnOrAfter: null, conditionsNotOnOrAfter: null });
    xml = signElement(xml, 'Assertion', key.keyPem, key.certPem);
    const later = validateSamlResponse({ samlResponse: Buffer.from(xml).toString('base64'), binding: 'POST', sp: SP, idp: { entityId: IDP, certificatesPem: [key.certPem] }, now: new Date(NOW.getTime() + 30 * 86400_000) });
    expect(later.signsIn).toBe(false);
    expect(later.findings.some((f) => f.ssoCode === 19 && f.actual === '(none)')).toBe(true);
  });

  it('keeps the SAMLResponse exactly as posted beside the readable XML', () => {
    let xml = responseXml({ now: NOW });
    xml = signElement(xml, 'Assertion', key.keyPem, key.certPem);
    const posted = Buffer.from(xml).toString('base64').replace(/(.{76})/g, '$1\r\n');
    const report = validateSamlResponse({ samlResponse: posted, binding: 'POST', sp: SP, idp: { entityId: IDP, certificatesPem: [key.certPem] }, now: NOW });
    expect(report.signsIn).toBe(true);
    expect(report.decoded.original).toBe(posted.trim());
    expect(report.decoded.xml).toContain('\n  <saml:Assertion');
  });
});
