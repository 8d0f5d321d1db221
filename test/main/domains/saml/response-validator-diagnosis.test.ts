/**
 * Issue 13, on responses produced by real tools: SimpleSAMLphp signs them, the wizard's own XML view reformats
 * them, Node's zlib DEFLATE-encodes them as the HTTP-Redirect binding would, xml-crypto re-signs them with a key
 * the IdP does not publish (checked by xmlsec1). Each must get the diagnosis an SSO engineer would give.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { parseIdpMetadata } from '../../../../main/domains/saml/idp-metadata-parser.js';
import { validateSamlResponse, type ValidateSamlResponseInput } from '../../../../main/domains/saml/response-validator.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import type { ValidationReport } from '../../../../shared/saml/validation-report.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { signElement } from '../../../support/saml-response-signer.js';
import { DEFAULT_USERS, makeKeyPair, startSimpleSamlIdp, type SimpleSamlUser } from '../../../support/simplesamlphp.js';
import { xmlsecVerify } from '../../../support/xmlsec-verify.js';

const SP = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
let scratch = '';
interface Idp { entityId: string; certificatePem: string }
/** Each sign-in runs its own IdP (its own key and port): the IdP that signed a response is kept beside it. */
const idpOf = new Map<string, Idp>();
const captured = new Map<string, string>();
let idp: Idp = { entityId: '', certificatePem: '' };

async function signInAs(user: SimpleSamlUser): Promise<string> {
  const server = await startSimpleSamlIdp({ spMetadataXml: buildSpMetadata({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl }), users: [user] });
  try {
    const request = buildAuthnRequest({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl, idpSsoUrl: server.ssoUrl, now: new Date() });
    const login = await loginAtIdp({ ssoUrl: request.redirectUrl, username: user.username, password: user.password });
    const metadata = parseIdpMetadata(server.metadataXml);
    if (!metadata.ok) throw new Error(metadata.problem);
    idpOf.set(login.samlResponse, { entityId: metadata.metadata.entityId ?? '', certificatePem: metadata.metadata.signingCertificates[0]?.pem ?? '' });
    return login.samlResponse;
  } finally {
    await server.stop();
  }
}

const alice = DEFAULT_USERS[0] as SimpleSamlUser;
const withAttributes = (attributes: Record<string, string[]>): SimpleSamlUser => ({ ...alice, attributes });
const { uid: _uid, SAML_SUBJECT: _subject, ...withoutMirrors } = alice.attributes;
const { updatetimestamp: _stamp, ...withoutStamp } = alice.attributes;
const { firstname: first, ...withoutFirstname } = alice.attributes;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-diagnosis-'));
  captured.set('clean', await signInAs(alice));
  captured.set('no-mirrors', await signInAs(withAttributes(withoutMirrors)));
  captured.set('uid-account', await signInAs(withAttributes({ ...alice.attributes, uid: ['alice'] })));
  captured.set('no-stamp', await signInAs(withAttributes(withoutStamp)));
  captured.set('Firstname', await signInAs(withAttributes({ ...withoutFirstname, Firstname: first as string[] })));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Validates with the IdP that signed the captured response (named by its key in `captured`). */
function use(name: string): string {
  const samlResponse = captured.get(name) as string;
  idp = idpOf.get(samlResponse) as Idp;
  return samlResponse;
}

function validate(samlResponse: string, overrides: Partial<ValidateSamlResponseInput> = {}): ValidationReport {
  return validateSamlResponse({ samlResponse, binding: 'POST', sp: SP, idp: { entityId: idp.entityId, certificatesPem: [idp.certificatePem] }, now: new Date(), ...overrides });
}
const errors = (report: ValidationReport) => report.findings.filter((f) => f.severity === 'error');
const xmlOf = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('the original and the reformatted XML', () => {
  it('the original Base64 decodes clean; the wizard\'s own readable XML gets the reformatting message, never 23', () => {
    const original = use('clean');
    const clean = validate(original);
    expect(clean.signsIn).toBe(true);
    expect(clean.decoded.original).toBe(original);
    const readable = clean.decoded.xml as string;
    // The XML view really is reformatted: its digests no longer match (xmlsec1 agrees).
    writeFileSync(path.join(scratch, 'readable.xml'), readable);
    expect(xmlsecVerify(readable, idp.certificatePem, 'Assertion')).toBe(false);
    const pasted = validate(readable);
    expect(pasted.signsIn).toBe(false);
    expect(pasted.findings.some((f) => f.ssoCode === 23)).toBe(false);
    expect(pasted.summary).toMatch(/this XML was reformatted; signatures can only be checked on the original, paste the Base64/);
    expect(pasted.findings.find((f) => f.check === 'signature-valid')?.explanation).toMatch(/reformatted/);
    expect(pasted.decoded.original).toBeNull();
  });

  it('changed content is 23 in the original form; in reformatted XML it is never "would sign in"', () => {
    const original = xmlOf(use('clean'));
    const tampered = original.replace('>Alice<', '>Mallory<');
    expect(tampered).not.toBe(original);
    expect(errors(validate(Buffer.from(tampered).toString('base64'))).map((f) => f.ssoCode)).toContain(23);
    const readable = validate(use('clean')).decoded.xml as string;
    const reformattedAndChanged = validate(readable.replace('>Alice<', '>Mallory<'));
    expect(reformattedAndChanged.signsIn).toBe(false);
    expect(reformattedAndChanged.summary).toMatch(/reformatted/);
  });

  it('compact XML that verifies without its indentation is proven reformatted-only', () => {
    let xml = xmlOf(use('clean')).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
    const key = makeKeyPair(scratch, 'compact', '/CN=compact.idp.test');
    xml = signElement(xml, 'Assertion', key.keyPem, key.certPem);
    const readable = validate(Buffer.from(xml).toString('base64'), { idp: { entityId: idp.entityId, certificatesPem: [key.certPem] } }).decoded.xml as string;
    const report = validate(readable, { idp: { entityId: idp.entityId, certificatesPem: [key.certPem] } });
    expect(report.signsIn).toBe(false);
    expect(report.findings.some((f) => f.ssoCode === 23)).toBe(false);
    expect(report.findings.find((f) => f.check === 'signature-valid')?.explanation).toMatch(/fail only because of the added whitespace/);
  });
});

describe('the HTTP-Redirect encoding', () => {
  it('a DEFLATE-encoded response is named as such (code 5) and never inflated and judged', () => {
    const deflated = deflateRawSync(Buffer.from(xmlOf(use('clean')))).toString('base64');
    for (const samlResponse of [deflated, `SAMLResponse=${encodeURIComponent(deflated)}&RelayState=r1`]) {
      const report = validate(samlResponse);
      expect(report.signsIn).toBe(false);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({ check: 'binding', ssoCode: 5, severity: 'error' });
      expect(report.findings[0]?.actual).toMatch(/HTTP-Redirect/);
      expect(report.decoded.nameId).toBeNull();
      expect(report.decoded.xml).toBeNull();
    }
  });
});

describe('attribute rules as the vendor documents them', () => {
  it('uid and SAML_SUBJECT absent: sign-in not blocked, a warning each', () => {
    const report = validate(use('no-mirrors'));
    expect(report.signsIn).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.field)).toEqual([
      'Assertion/AttributeStatement/Attribute[@Name="uid"]',
      'Assertion/AttributeStatement/Attribute[@Name="SAML_SUBJECT"]',
    ]);
  });

  it('uid present and not the email: an error', () => {
    const report = validate(use('uid-account'));
    expect(report.signsIn).toBe(false);
    expect(errors(report)).toMatchObject([{ check: 'attribute-match', field: 'Assertion/AttributeStatement/Attribute[@Name="uid"]', expected: 'alice@example.com', actual: 'alice' }]);
  });

  it('updatetimestamp absent: a warning naming Auto Account Update (32)', () => {
    const report = validate(use('no-stamp'));
    expect(report.signsIn).toBe(true);
    const [warning] = report.findings.filter((f) => f.severity === 'warning');
    expect(warning).toMatchObject({ ssoCode: 32, field: 'Assertion/AttributeStatement/Attribute[@Name="updatetimestamp"]' });
    expect(warning?.explanation).toMatch(/Auto Account Update/);
  });

  it('"Firstname" is a case finding, not just "missing"', () => {
    const report = validate(use('Firstname'));
    expect(report.signsIn).toBe(false);
    expect(errors(report)).toMatchObject([{ check: 'attribute-case', ssoCode: 31 }]);
    expect(errors(report)[0]?.actual).toMatch(/sent as "Firstname", and attribute names are case-sensitive/);
  });
});

describe('signature findings name certificates', () => {
  it('signed by a key not in the metadata, carrying its own certificate in KeyInfo: both certificates by fingerprint, no SignatureValue', () => {
    const stranger = makeKeyPair(scratch, 'stranger', '/CN=stranger.idp.test');
    // Re-sign SimpleSAMLphp's assertion with a key the IdP does not publish (xml-crypto puts its certificate in KeyInfo).
    const unsigned = xmlOf(use('clean')).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
    const resigned = signElement(unsigned, 'Assertion', stranger.keyPem, stranger.certPem);
    expect(xmlsecVerify(resigned, stranger.certPem, 'Assertion')).toBe(true);
    expect(xmlsecVerify(resigned, idp.certificatePem, 'Assertion')).toBe(false);
    const signatureValue = /<ds:SignatureValue>([^<]+)</.exec(resigned)?.[1] ?? '';
    expect(signatureValue.length).toBeGreaterThan(100);

    const report = validate(Buffer.from(resigned).toString('base64'));
    const finding = report.findings.find((f) => f.field === 'Assertion/Signature');
    expect(finding).toMatchObject({ ssoCode: 23, fixStep: 'idp-certificate' });
    const fingerprint = (pem: string) => execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem }).toString().trim().split('=')[1];
    const text = JSON.stringify(finding);
    expect(text).toContain(fingerprint(idp.certificatePem));
    expect(text).toContain(fingerprint(stranger.certPem));
    expect(text).toContain('CN=stranger.idp.test');
    expect(text).not.toContain(signatureValue.slice(0, 40));
    for (const f of report.findings) expect(JSON.stringify(f)).not.toContain(signatureValue.slice(0, 40));
  });

  it('a wrong key with no certificate in KeyInfo: the certificate it was checked against, and no SignatureValue', () => {
    const stranger = makeKeyPair(scratch, 'stranger2', '/CN=stranger2.idp.test');
    const unsigned = xmlOf(use('clean')).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
    const resigned = signElement(unsigned, 'Assertion', stranger.keyPem, stranger.certPem).replace(/<ds:KeyInfo>[\s\S]*?<\/ds:KeyInfo>/, '');
    const signatureValue = /<ds:SignatureValue>([^<]+)</.exec(resigned)?.[1] ?? '';
    const report = validate(Buffer.from(resigned).toString('base64'));
    const finding = report.findings.find((f) => f.field === 'Assertion/Signature');
    expect(finding?.ssoCode).toBe(23);
    expect(finding?.actual).toMatch(/signed with another key/);
    expect(JSON.stringify(report.findings)).not.toContain(signatureValue.slice(0, 40));
  });
});
