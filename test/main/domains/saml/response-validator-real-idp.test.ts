/**
 * The validator against a real IdP (SimpleSAMLphp on loopback, docs/real-idp.md): a clean sign-in, and the
 * misconfigurations an IdP's configuration alone can cause, each diagnosed with the site's error code. Every
 * signature verdict is cross-checked with xmlsec1 --verify (pinned certificate).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { parseIdpMetadata } from '../../../../main/domains/saml/idp-metadata-parser.js';
import { validateSamlResponse, type ValidateSamlResponseInput } from '../../../../main/domains/saml/response-validator.js';
import { verifyEnvelopedSignature } from '../../../../main/domains/saml/signature-verifier.js';
import { buildSpMetadata, type SpMetadataOptions } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { NS, childElements, firstChild, parseXmlSafely } from '../../../../main/domains/saml/xml-parser.js';
import type { ValidationReport } from '../../../../shared/saml/validation-report.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { makeKeyPair, startSimpleSamlIdp, type HostedOverrides } from '../../../support/simplesamlphp.js';
import { xmlsecVerify } from '../../../support/xmlsec-verify.js';

const SP = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

let keys: string;
let site: { keyPem: string; certPem: string };
let other: { keyPem: string; certPem: string };

beforeAll(() => {
  keys = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-keys-'));
  site = makeKeyPair(keys, 'site', '/CN=meet.example.com');
  other = makeKeyPair(keys, 'other', '/CN=rolled-over.idp.test');
});
afterAll(() => rmSync(keys, { recursive: true, force: true }));

interface Capture {
  samlResponse: string;
  xml: string;
  requestId: string | null;
  idp: { entityId: string; certificatePem: string };
  postedTo: string;
}

async function signIn(options: { hosted?: HostedOverrides; sp?: Partial<SpMetadataOptions>; idpInitiated?: boolean }): Promise<Capture> {
  const spMetadataXml = buildSpMetadata({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl, certificatePem: site.certPem, ...options.sp });
  const idp = await startSimpleSamlIdp({ spMetadataXml, hosted: options.hosted ?? {} });
  try {
    const request = buildAuthnRequest({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl, idpSsoUrl: idp.ssoUrl, now: new Date() });
    const result = options.idpInitiated
      ? await loginAtIdp({ ssoUrl: idp.ssoUrl, spEntityId: SP.spEntityId, relayState: 'r1', username: 'alice', password: 'alice-pass' })
      : await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
    // The IdP's own metadata is what an administrator imports: take the entity ID and certificate from it.
    const metadata = parseIdpMetadata(idp.metadataXml);
    if (!metadata.ok) throw new Error(metadata.problem);
    return {
      samlResponse: result.samlResponse,
      xml: Buffer.from(result.samlResponse, 'base64').toString('utf8'),
      requestId: options.idpInitiated ? null : request.id,
      idp: { entityId: metadata.metadata.entityId ?? '', certificatePem: metadata.metadata.signingCertificates[0]?.pem ?? '' },
      postedTo: result.postedTo,
    };
  } finally {
    await idp.stop();
  }
}

function validate(capture: Capture, overrides: Partial<ValidateSamlResponseInput> = {}): ValidationReport {
  return validateSamlResponse({
    samlResponse: capture.samlResponse,
    binding: 'POST',
    sp: SP,
    idp: { entityId: capture.idp.entityId, certificatesPem: [capture.idp.certificatePem] },
    ...(capture.requestId ? { requestId: capture.requestId } : {}),
    now: new Date(),
    ...overrides,
  });
}

const errorCodes = (report: ValidationReport) => [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.ssoCode))].sort((a, b) => (a ?? 0) - (b ?? 0));

/** Our verdict on each signature in the response equals xmlsec1's with the same pinned certificate. */
function expectSignaturesAgreeWithXmlsec(xml: string, pinnedPem: string): number {
  const parsed = parseXmlSafely(xml);
  if (!parsed.ok) throw new Error(parsed.problem);
  let compared = 0;
  const response = parsed.root;
  const targets: Array<[ 'Response' | 'Assertion', typeof response | undefined]> = [
    ['Response', response],
    ['Assertion', childElements(response, NS.saml, 'Assertion')[0]],
  ];
  for (const [name, element] of targets) {
    const signature = element ? firstChild(element, NS.ds, 'Signature') : undefined;
    if (!element || !signature) continue;
    const ours = verifyEnvelopedSignature(xml, element, signature, [pinnedPem]).status === 'valid';
    expect(ours, `${name} signature: validator vs xmlsec1`).toBe(xmlsecVerify(xml, pinnedPem, name));
    compared++;
  }
  return compared;
}

describe('validator with SimpleSAMLphp responses', () => {
  it('clean SP-initiated sign-in: would sign in as the email; both signatures agree with xmlsec1', async () => {
    const capture = await signIn({});
    expect(capture.postedTo).toBe(SP.acsUrl);
    const report = validate(capture);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.signsIn).toBe(true);
    expect(report.subject).toBe('alice@example.com');
    expect(report.summary).toBe('Would sign in as alice@example.com.');
    expect(report.decoded.attributes['firstname']).toEqual(['Alice']);
    expect(report.decoded.signingCertificate?.source).toBe('configured');
    expect(report.decoded.inResponseTo).toBe(capture.requestId);
    expect(expectSignaturesAgreeWithXmlsec(capture.xml, capture.idp.certificatePem)).toBe(2);
    // The same response, checked against the wrong expectations, names the right codes.
    expect(errorCodes(validate(capture, { idp: { entityId: 'http://adfs.example.com/adfs/services/trust', certificatesPem: [capture.idp.certificatePem] } }))).toEqual([24]);
    expect(errorCodes(validate(capture, { requestId: '_another-request' }))).toEqual([28]);
    expect(errorCodes(validate(capture, { binding: 'Redirect' }))).toEqual([5]);
    expect(errorCodes(validate(capture, { sp: { ...SP, acsUrl: 'https://meet.example.com/other/acs' } }))).toEqual([14]);
    const clock = validate(capture, { now: new Date(Date.now() + 3600_000) });
    expect(errorCodes(clock)).toEqual([19]);
    expect(clock.decoded.clockDifferenceSeconds).toBeGreaterThan(3500);
    expect(clock.findings.find((f) => f.ssoCode === 19)?.explanation).toMatch(/clock/i);
    const audience = validate(capture, { sp: { ...SP, spEntityId: 'https://other.example.com' } });
    expect(audience.signsIn).toBe(false);
    expect(audience.findings.some((f) => f.check === 'audience' && f.severity === 'error')).toBe(true);
    expect(errorCodes(validate(capture, { idp: { entityId: capture.idp.entityId, certificatesPem: [] } }))).toEqual([4]);
    expect(errorCodes(validate(capture, { samlResponse: 'not base64 at all!' }))).toEqual([6]);
    // Whatever form it was captured in: a form body (URL-encoded), or DEFLATEd as the Redirect binding would carry it.
    expect(validate(capture, { samlResponse: `SAMLResponse=${encodeURIComponent(capture.samlResponse)}&RelayState=x` }).signsIn).toBe(true);
    expect(errorCodes(validate(capture, { samlResponse: deflateRawSync(capture.xml).toString('base64'), binding: 'Redirect' }))).toEqual([5]);
    // Within the skew it still signs in; the raw XML works as input too.
    expect(validate(capture, { samlResponse: capture.xml, now: new Date(Date.now() + 60_000) }).signsIn).toBe(true);
  });

  it('clean IdP-initiated sign-in (no InResponseTo) signs in when no request was sent', async () => {
    const capture = await signIn({ idpInitiated: true });
    const report = validate(capture);
    expect(report.signsIn).toBe(true);
    expect(report.decoded.inResponseTo).toBeNull();
    expect(errorCodes(validate(capture, { requestId: '_sent' }))).toEqual([28]);
  });

  it.each([
    { name: 'AttributeLimit drops firstname, lastname, uid, SAML_SUBJECT', hosted: { attributeLimit: ['email'] }, want: [31] },
    { name: 'no saml:AttributeNameID: transient NameID', hosted: { nameIdAttribute: null }, want: [25] },
    {
      name: 'core:PHP forces the unspecified NameID format',
      hosted: { nameIdAttributeFormat: UNSPECIFIED, forceNameIdFormat: UNSPECIFIED },
      sp: { wantAssertionsSigned: true },
      want: [25],
    },
    { name: 'assertion not signed (metadata without WantAssertionsSigned)', hosted: { signAssertion: false }, sp: { wantAssertionsSigned: false }, want: [20] },
    { name: 'signing with a key other than the published certificate', hosted: { signingKeyPem: 'OTHER_KEY' }, want: [23] },
    { name: 'AttributeNameID adds the IdP entity ID as NameQualifier', hosted: { nameQualifier: true }, want: [10] },
    { name: 'negative assertion.lifetime', hosted: { assertionLifetime: -600 }, want: [19] },
    { name: 'core:PHP rewrites the ConsumerURL', hosted: { consumerUrl: 'https://evil.example.com/acs' }, want: [14] },
  ])('$name → error $want', async ({ hosted, sp, want }) => {
    const resolved: HostedOverrides = { ...hosted, ...(hosted.signingKeyPem ? { signingKeyPem: other.keyPem } : {}) };
    const capture = await signIn({ hosted: resolved, ...(sp ? { sp } : {}) });
    const report = validate(capture);
    expect(report.signsIn).toBe(false);
    expect(errorCodes(report)).toEqual(want);
    for (const finding of report.findings) {
      expect(finding.explanation.length).toBeGreaterThan(20);
    }
    expectSignaturesAgreeWithXmlsec(capture.xml, capture.idp.certificatePem);
  });

  it('IdP rolled over to a new certificate the site does not have → 8, and the report shows the certificate that signed', async () => {
    const capture = await signIn({ hosted: { signingKeyPem: other.keyPem, signingCertPem: other.certPem } });
    // The IdP metadata publishes the new certificate beside the old one the site holds: a rollover.
    const report = validate(capture, { idp: { entityId: capture.idp.entityId, certificatesPem: [site.certPem], metadataCertificatesPem: [site.certPem, other.certPem] } });
    expect(errorCodes(report)).toEqual([8]);
    expect(report.decoded.signingCertificate).toMatchObject({ source: 'document', subject: 'CN=rolled-over.idp.test' });
    expect(report.findings[0]?.fixStep).toBe('idp-certificate');
    expectSignaturesAgreeWithXmlsec(capture.xml, site.certPem);
    // With both certificates configured (as during an AD FS rollover) it signs in.
    const both = validate(capture, { idp: { entityId: capture.idp.entityId, certificatesPem: [site.certPem, other.certPem] } });
    expect(both.signsIn).toBe(true);
    expect(both.decoded.signingCertificate?.subject).toBe('CN=rolled-over.idp.test');
  });

  it('an IdP certificate past its notAfter → 15 (the clock is moved, not the certificate forged)', async () => {
    const shortLived = makeKeyPair(keys, 'short', '/CN=short-lived.idp.test', 1);
    const capture = await signIn({ hosted: { signingKeyPem: shortLived.keyPem, signingCertPem: shortLived.certPem } });
    // Two days later, with a skew wide enough that only the certificate's expiry remains.
    const report = validate(capture, { now: new Date(Date.now() + 2 * 86400_000), skewSeconds: 3 * 86400 });
    expect(errorCodes(report)).toEqual([15]);
    expect(report.findings.find((f) => f.ssoCode === 15)?.explanation).toMatch(/short-lived\.idp\.test/);
  });

  it('RSA-SHA1 signatures still sign in, with a warning to move to SHA-256', async () => {
    const capture = await signIn({ hosted: { signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' } });
    const report = validate(capture);
    expect(report.signsIn).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.field)).toEqual(['Response/Signature', 'Assertion/Signature']);
    expect(report.findings[0]?.actual).toContain('rsa-sha1');
    expect(report.findings[0]?.explanation).toMatch(/Set-AdfsRelyingPartyTrust -SignatureAlgorithm http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#rsa-sha256/);
    expectSignaturesAgreeWithXmlsec(capture.xml, capture.idp.certificatePem);
  });

  it('encrypted assertion: decrypted with the site key; without it, reported clearly', async () => {
    const capture = await signIn({ hosted: { encryptAssertion: true }, sp: { encryptionCertificatePem: site.certPem } });
    expect(capture.xml).toContain('EncryptedAssertion');
    const withKey = validate(capture, { spPrivateKeyPem: site.keyPem });
    expect(withKey.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(withKey.signsIn).toBe(true);
    expect(withKey.decoded.encrypted).toBe(true);
    expect(withKey.subject).toBe('alice@example.com');
    const withoutKey = validate(capture);
    expect(withoutKey.signsIn).toBe(false);
    expect(withoutKey.findings[0]).toMatchObject({ check: 'encrypted-assertion' });
    expect(withoutKey.findings[0]?.explanation).toMatch(/encrypted/);
    const wrongKey = validate(capture, { spPrivateKeyPem: other.keyPem });
    expect(wrongKey.signsIn).toBe(false);
    expect(wrongKey.findings.some((f) => f.check === 'encrypted-assertion')).toBe(true);
  });
});
