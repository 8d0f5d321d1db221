/**
 * Validates a SAML response the way the site does (Web Browser SSO profile, saml-profiles §4.1.4) and names,
 * for every problem, the site error code it leads to (docs/domain.md, "Which SAML check leads to which code").
 * Order matters for safety: decode → refuse DTDs → structure → signatures with pinned certificates only →
 * everything else is read from the signed content alone. Hostile input yields findings, never an exception.
 */
import { X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { ssoError, usersMaySee } from '../../../shared/sso-errors/catalogue.js';
import type { DecodedResponse, SamlFinding, ValidationReport } from '../../../shared/saml/validation-report.js';
import { decryptAssertion, withInScopeNamespaces } from './assertion-decrypter.js';
import { checkAttributes } from './attribute-checks.js';
import { readCertificate, summariseCertificate } from './certificate-text.js';
import { verifyEnvelopedSignature, type SignatureVerdict } from './signature-verifier.js';
import { NS, attributeOf, childElements, descendants, firstChild, parseXmlSafely, textOf } from './xml-parser.js';

export interface ValidateSamlResponseInput {
  /** Base64 as POSTed (URL-encoded or a whole "SAMLResponse=…" form body also work), or the raw XML. */
  samlResponse: string;
  binding: 'POST' | 'Redirect' | 'GET' | 'unknown';
  sp: { siteUrl: string; spEntityId: string; acsUrl: string };
  idp: { entityId: string; certificatesPem: string[] };
  /** The ID of the AuthnRequest that was sent; absent for IdP-initiated sign-in. */
  requestId?: string;
  now: Date;
  /** Allowed clock difference; default 180 s. */
  skewSeconds?: number;
  /** The site key, to decrypt an EncryptedAssertion. */
  spPrivateKeyPem?: string;
}

export const DEFAULT_SKEW_SECONDS = 180;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

type FindingInput = Omit<SamlFinding, 'fixStep' | 'severity'> & Partial<Pick<SamlFinding, 'fixStep' | 'severity'>>;

class Findings {
  readonly list: SamlFinding[] = [];
  add(finding: FindingInput): void {
    const step = finding.ssoCode === null ? null : (ssoError(finding.ssoCode)?.step ?? null);
    this.list.push({ severity: 'error', fixStep: step, ...finding });
  }
}

function emptyDecoded(now: Date): DecodedResponse {
  return {
    rootElement: null,
    issuer: null,
    assertionIssuer: null,
    issueInstant: null,
    statusCode: null,
    statusMessage: null,
    destination: null,
    recipient: null,
    inResponseTo: null,
    audiences: [],
    notBefore: null,
    notOnOrAfter: null,
    checkedAt: now.toISOString(),
    clockDifferenceSeconds: null,
    nameId: null,
    nameIdFormat: null,
    nameQualifier: null,
    attributes: {},
    responseSigned: false,
    assertionSigned: false,
    encrypted: false,
    signingCertificate: null,
    xml: null,
  };
}

/** Takes the XML out of whatever was pasted: raw XML, Base64, URL-encoded Base64, a form body, DEFLATEd (Redirect). */
export function decodeSamlMessage(raw: string): { ok: true; xml: string } | { ok: false; problem: string } {
  let text = raw.trim().replace(/^\uFEFF/, '');
  if (text === '') return { ok: false, problem: 'The SAMLResponse is empty.' };
  if (text.startsWith('<')) return { ok: true, xml: text };
  const formField = /(?:^|[&?])SAMLResponse=([^&]*)/.exec(text);
  if (formField) text = formField[1] as string;
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return { ok: false, problem: 'The SAMLResponse is URL-encoded but the encoding is broken.' };
    }
  }
  text = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  // Spaces that were "+" before a form decoder turned them into spaces are already removed: restore nothing.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return { ok: false, problem: 'The SAMLResponse is neither XML nor Base64.' };
  const bytes = Buffer.from(text, 'base64');
  const asText = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (asText.startsWith('<')) return { ok: true, xml: asText };
  try {
    const inflated = inflateRawSync(bytes, { maxOutputLength: 8 * 1024 * 1024 }).toString('utf8').trimStart();
    if (inflated.startsWith('<')) return { ok: true, xml: inflated };
  } catch {
    // not DEFLATE either
  }
  return { ok: false, problem: 'The SAMLResponse decodes from Base64 but the result is not XML.' };
}

function parseInstant(value: string | null): number | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

function sameUrl(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

export function validateSamlResponse(input: ValidateSamlResponseInput): ValidationReport {
  const findings = new Findings();
  const decoded = emptyDecoded(input.now);
  const skew = input.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  try {
    run(input, findings, decoded, skew);
  } catch (error) {
    // A bug must not hide the verdict: anything unexpected blocks sign-in and says so.
    findings.add({
      check: 'response-structure',
      ssoCode: 29,
      field: 'Response',
      expected: 'a SAML 2.0 Response the validator can read',
      actual: ((error as Error).message ?? String(error)).split('\n')[0] ?? 'unexpected error',
      explanation: 'The response could not be analysed completely; treat it as invalid.',
    });
  }
  return finish(findings.list, decoded);
}

function finish(findings: SamlFinding[], decoded: DecodedResponse): ValidationReport {
  const blocking = findings.filter((f) => f.severity === 'error');
  const signsIn = blocking.length === 0;
  const first = blocking[0];
  if (signsIn && decoded.nameId) {
    return { signsIn, subject: decoded.nameId, summary: `Would sign in as ${decoded.nameId}.`, findings, decoded };
  }
  const code = first?.ssoCode ? `error ${first.ssoCode} (${ssoError(first.ssoCode)?.description ?? ''})` : 'a refused sign-in';
  return {
    signsIn: false,
    summary: first ? `Would fail with ${code}: ${first.explanation}${first.ssoCode && usersMaySee(first.ssoCode) ? ` ${usersMaySee(first.ssoCode)}` : ''}` : 'Would not sign in: no user name.',
    findings,
    decoded,
  };
}

function run(input: ValidateSamlResponseInput, findings: Findings, decoded: DecodedResponse, skew: number): void {
  const now = input.now.getTime();
  if (input.binding !== 'POST') {
    findings.add({
      check: 'binding',
      severity: input.binding === 'unknown' ? 'info' : 'error',
      ssoCode: input.binding === 'unknown' ? null : 5,
      field: 'binding',
      expected: 'HTTP POST',
      actual: input.binding === 'unknown' ? 'not known' : input.binding,
      explanation:
        input.binding === 'unknown'
          ? 'The binding the response arrived by is not known; the site accepts only HTTP POST (error 5 otherwise).'
          : `The response arrived by ${input.binding}; the site accepts only HTTP POST. Set the relying party's assertion consumer endpoint binding to POST.`,
    });
  }

  const message = decodeSamlMessage(input.samlResponse);
  if (!message.ok) {
    findings.add({ check: 'post-data', ssoCode: 6, field: 'SAMLResponse', expected: 'Base64-encoded SAML XML', actual: message.problem, explanation: `${message.problem} The site answers "Incorrect SAML SSO POST data".` });
    return;
  }
  const parsed = parseXmlSafely(message.xml, { what: 'The SAML response' });
  if (!parsed.ok) {
    const hostile = parsed.reason === 'doctype';
    findings.add({
      check: hostile ? 'xml-safety' : 'post-data',
      ssoCode: hostile ? 29 : 6,
      field: 'SAMLResponse',
      expected: hostile ? 'XML without a document type declaration' : 'well-formed XML',
      actual: parsed.reason,
      explanation: parsed.problem,
    });
    return;
  }
  const documentXml = message.xml;
  const response = parsed.root;
  decoded.rootElement = `${response.prefix ? `${response.prefix}:` : ''}${response.localName}`;
  decoded.xml = prettyPrint(parsed.document);

  if (response.localName === 'RequestSecurityTokenResponse' || response.localName === 'RequestSecurityTokenResponseCollection') {
    findings.add({
      check: 'response-structure',
      ssoCode: 22,
      field: 'Response',
      expected: 'samlp:Response (SAML 2.0 protocol)',
      actual: response.localName,
      explanation: 'This is a WS-Federation token, not a SAML 2.0 response: the relying party is set up for WS-Federation. Recreate it from the site\'s SP metadata (SAML 2.0 endpoint).',
    });
    return;
  }
  if (response.namespaceURI !== NS.samlp || response.localName !== 'Response') {
    findings.add({
      check: 'response-structure',
      ssoCode: 29,
      field: 'Response',
      expected: 'samlp:Response',
      actual: `${response.localName} in ${response.namespaceURI ?? 'no namespace'}`,
      explanation: 'The message is not a SAML 2.0 Response.',
    });
    return;
  }
  if (attributeOf(response, 'Version') !== '2.0' || !attributeOf(response, 'ID') || !attributeOf(response, 'IssueInstant')) {
    findings.add({
      check: 'response-structure',
      ssoCode: 29,
      field: 'Response/@Version, @ID, @IssueInstant',
      expected: 'Version="2.0" with an ID and an IssueInstant',
      actual: `Version=${attributeOf(response, 'Version') ?? '(none)'}, ID=${attributeOf(response, 'ID') ?? '(none)'}, IssueInstant=${attributeOf(response, 'IssueInstant') ?? '(none)'}`,
      explanation: 'The Response lacks attributes SAML 2.0 requires (saml-core §3.2.2).',
    });
  }

  // Status (saml-core §3.2.2.2).
  const status = firstChild(response, NS.samlp, 'Status');
  const statusCode = status ? firstChild(status, NS.samlp, 'StatusCode') : undefined;
  const topStatus = attributeOf(statusCode, 'Value');
  const subStatus = statusCode ? attributeOf(firstChild(statusCode, NS.samlp, 'StatusCode'), 'Value') : null;
  decoded.statusCode = topStatus === null ? null : subStatus ? `${topStatus} / ${subStatus}` : topStatus;
  decoded.statusMessage = status ? textOf(firstChild(status, NS.samlp, 'StatusMessage')) : null;
  if (topStatus !== SUCCESS) {
    findings.add({
      check: 'status',
      ssoCode: 29,
      field: 'Response/Status/StatusCode',
      expected: SUCCESS,
      actual: decoded.statusCode ?? '(none)',
      explanation: `The IdP did not sign the user in${decoded.statusMessage ? ` ("${decoded.statusMessage}")` : ''}. Look in the IdP's log (AD FS: the AD FS/Admin event log) for the reason.`,
    });
  }

  // Exactly one assertion, where the profile puts it (a second one, or one elsewhere, is a wrapping shape).
  const assertions = childElements(response, NS.saml, 'Assertion');
  const encrypted = childElements(response, NS.saml, 'EncryptedAssertion');
  const everywhere = descendants(parsed.document, NS.saml, 'Assertion').length + descendants(parsed.document, NS.saml, 'EncryptedAssertion').length;
  decoded.encrypted = encrypted.length > 0;
  if (assertions.length + encrypted.length > 1 || everywhere > assertions.length + encrypted.length) {
    findings.add({
      check: 'assertion-structure',
      ssoCode: 13,
      field: 'Response/Assertion',
      expected: 'exactly one assertion, a direct child of the Response',
      actual: `${assertions.length + encrypted.length} in place, ${everywhere} in the document`,
      explanation: 'The response carries extra assertions or assertions in unusual places (Extensions, Object, nested Response): the classic signature-wrapping shape. The site refuses it.',
    });
  }

  const pins = input.idp.certificatesPem;
  if (pins.length === 0) {
    findings.add({
      check: 'signature-certificate',
      ssoCode: 4,
      field: 'idp.certificatesPem',
      expected: 'the IdP\'s token-signing certificate',
      actual: 'none configured',
      explanation: 'No IdP certificate is configured, so no signature can be trusted. Import the IdP metadata or its token-signing certificate.',
    });
  }

  // The response signature (optional in the profile), over the whole Response.
  const responseSignature = firstChild(response, NS.ds, 'Signature');
  let trustedResponse: Element | null = null;
  let usedPem: string | null = null;
  if (responseSignature) {
    decoded.responseSigned = true;
    const verdict = verifyEnvelopedSignature(documentXml, response, responseSignature, pins);
    if (verdict.status === 'valid') {
      const signed = parseXmlSafely(verdict.signedXml, { what: 'The signed Response' });
      if (signed.ok) {
        trustedResponse = signed.root;
        usedPem = verdict.certificatePem;
      }
      warnWeakAlgorithms(findings, verdict.algorithms, 'Response/Signature');
    } else reportBadSignature(findings, decoded, verdict, 'Response/Signature', pins.length > 0);
  }

  // The assertion: in place, decrypted if need be.
  let assertion: Element | undefined = assertions[0];
  let assertionXml = documentXml;
  if (!assertion && encrypted[0]) {
    if (!input.spPrivateKeyPem) {
      findings.add({
        check: 'encrypted-assertion',
        ssoCode: 13,
        field: 'Response/EncryptedAssertion',
        expected: 'an assertion the validator can read',
        actual: 'encrypted, and no site private key was given',
        explanation: 'The assertion is encrypted to the site\'s certificate. Give the site key to decode it (the wizard uses the key stored in step 1), or turn off assertion encryption on the relying party.',
        fixStep: 'import',
      });
      return;
    }
    const source = trustedResponse ? childElements(trustedResponse, NS.saml, 'EncryptedAssertion')[0] ?? encrypted[0] : encrypted[0];
    const plain = decryptAssertion(source, input.spPrivateKeyPem);
    if (!plain.ok) {
      findings.add({
        check: 'encrypted-assertion',
        ssoCode: 13,
        field: 'Response/EncryptedAssertion',
        expected: 'an assertion encrypted to the site certificate',
        actual: plain.problem,
        explanation: `The assertion could not be decrypted: ${plain.problem}. Import the site's current certificate into the relying party as its encryption certificate.`,
        fixStep: 'adfs',
      });
      return;
    }
    const plainXml = withInScopeNamespaces(plain.xml, source);
    const inner = parseXmlSafely(plainXml, { what: 'The decrypted assertion' });
    if (!inner.ok || inner.root.localName !== 'Assertion' || inner.root.namespaceURI !== NS.saml) {
      findings.add({ check: 'encrypted-assertion', ssoCode: 13, field: 'Response/EncryptedAssertion', expected: 'saml:Assertion', actual: inner.ok ? inner.root.localName : inner.problem, explanation: 'The decrypted content is not a SAML assertion.' });
      return;
    }
    assertion = inner.root;
    assertionXml = plainXml;
    decoded.xml = `${decoded.xml ?? ''}\n<!-- decrypted assertion -->\n${prettyPrint(inner.document)}`;
  }
  if (!assertion) {
    if (topStatus === SUCCESS) {
      findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Response/Assertion', expected: 'one assertion', actual: 'none', explanation: 'A successful response must carry an assertion (saml-profiles §4.1.4.2).' });
    }
    readEnvelope(response, decoded);
    return;
  }

  // The assertion's own signature: the one the site (WantAssertionsSigned="true") requires.
  const assertionSignature = firstChild(assertion, NS.ds, 'Signature');
  let trustedAssertion: Element | null = null;
  if (assertionSignature) {
    decoded.assertionSigned = true;
    const verdict = verifyEnvelopedSignature(assertionXml, assertion, assertionSignature, pins);
    if (verdict.status === 'valid') {
      const signed = parseXmlSafely(verdict.signedXml, { what: 'The signed assertion' });
      if (signed.ok) {
        trustedAssertion = signed.root;
        usedPem = verdict.certificatePem;
      }
      warnWeakAlgorithms(findings, verdict.algorithms, 'Assertion/Signature');
    } else reportBadSignature(findings, decoded, verdict, 'Assertion/Signature', pins.length > 0);
  } else if (trustedResponse && assertions[0]) {
    // Covered by the response signature: read it from the signed Response only.
    trustedAssertion = childElements(trustedResponse, NS.saml, 'Assertion')[0] ?? null;
  }
  if (!assertionSignature) {
    findings.add({
      check: 'signature-present',
      ssoCode: 20,
      field: 'Assertion/Signature',
      expected: 'a signed assertion (the site\'s metadata says WantAssertionsSigned="true")',
      actual: responseSignature ? 'only the Response is signed' : 'nothing is signed',
      explanation: responseSignature
        ? 'Only the response message is signed, not the assertion; an SP that wants assertions signed refuses it (saml-metadata §2.4.4). AD FS: Set-AdfsRelyingPartyTrust -SamlResponseSignature MessageAndAssertion.'
        : 'Neither the response nor the assertion is signed. AD FS signs assertions by default: check -SamlResponseSignature on the relying party.',
    });
  }

  if (usedPem) {
    const certificate = new X509Certificate(usedPem);
    decoded.signingCertificate = summariseCertificate(certificate, 'configured');
    if (Date.parse(certificate.validTo) <= now) {
      findings.add({
        check: 'certificate-expiry',
        ssoCode: 15,
        field: 'IdP certificate',
        expected: `valid on ${input.now.toISOString()}`,
        actual: `expired ${new Date(certificate.validTo).toISOString()}`,
        explanation: `The IdP certificate that signed this response (${decoded.signingCertificate.subject}) has expired. Renew the token-signing certificate on the IdP and import the new one.`,
      });
    }
  }
  for (const pem of pins) {
    const read = readCertificate(pem);
    if (read.ok && pem !== usedPem && Date.parse(read.certificate.validTo) <= now) {
      findings.add({
        check: 'certificate-expiry',
        severity: 'warning',
        ssoCode: 15,
        field: 'IdP certificate',
        expected: 'only current certificates configured',
        actual: `${read.certificate.subject.replace(/\n/g, ', ')} expired ${new Date(read.certificate.validTo).toISOString()}`,
        explanation: 'One of the configured IdP certificates has expired; if the IdP signs with it, the site reports error 15. Remove it after the rollover.',
      });
    }
  }

  // From here on, read the signed content only; without a valid signature, the received content is shown and
  // checked for diagnosis, but the verdict is already "no".
  const content = trustedAssertion ?? assertion;
  const envelope = trustedResponse ?? response;
  if (!trustedAssertion && !findings.list.some((f) => f.check === 'signature-valid' || f.check === 'signature-present' || f.check === 'signature-certificate')) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion', expected: 'an assertion covered by a valid signature', actual: 'not covered', explanation: 'No valid signature covers the assertion that would be used.' });
  }
  if (trustedAssertion && assertions.length > 0 && attributeOf(trustedAssertion, 'ID') !== attributeOf(assertion, 'ID')) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/@ID', expected: attributeOf(trustedAssertion, 'ID'), actual: attributeOf(assertion, 'ID'), explanation: 'The signed assertion is not the one in place (signature wrapping).' });
  }
  readEnvelope(envelope, decoded);
  checkEnvelope(input, envelope, findings, decoded);
  checkAssertion(input, content, findings, decoded, skew);
}

const SHA1_ALGORITHMS = ['http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2000/09/xmldsig#sha1'];

/** SHA-1 still verifies, but it is deprecated (RFC 6194) and AD FS defaults to SHA-256: worth a warning. */
function warnWeakAlgorithms(findings: Findings, algorithms: string[], field: string): void {
  const weak = algorithms.filter((a) => SHA1_ALGORITHMS.includes(a));
  if (weak.length === 0) return;
  findings.add({
    check: 'signature-valid',
    severity: 'warning',
    ssoCode: null,
    field,
    expected: 'RSA-SHA256 with SHA-256 digests',
    actual: weak.join(', '),
    explanation: 'The signature uses SHA-1, which is deprecated. Set the relying party\'s signature algorithm to SHA-256 (Set-AdfsRelyingPartyTrust -SignatureAlgorithm http://www.w3.org/2001/04/xmldsig-more#rsa-sha256).',
    fixStep: 'adfs',
  });
}

function reportBadSignature(findings: Findings, decoded: DecodedResponse, verdict: Extract<SignatureVerdict, { status: 'invalid' }>, field: string, havePins: boolean): void {
  if (verdict.embeddedVerifies && verdict.embeddedCertificatePem) {
    decoded.signingCertificate = summariseCertificate(new X509Certificate(verdict.embeddedCertificatePem), 'document');
    // With no certificate configured, error 4 already says what to do; the embedded one is shown, not trusted.
    if (!havePins) return;
    findings.add({
      check: 'signature-certificate',
      ssoCode: 8,
      field,
      expected: 'a signature by the configured IdP certificate',
      actual: `signed by ${decoded.signingCertificate.subject} (SHA-256 ${decoded.signingCertificate.sha256Fingerprint})`,
      explanation: 'The signature is intact but was made with a certificate the site does not have (typically after an AD FS token-signing certificate rollover). Import the IdP\'s current token-signing certificate.',
    });
    return;
  }
  if (!havePins) return;
  findings.add({
    check: 'signature-valid',
    ssoCode: 23,
    field,
    expected: 'a signature that verifies with the configured IdP certificate',
    actual: verdict.problem,
    explanation: `The signature does not verify: ${verdict.problem}. Check that the site has the IdP's current token-signing certificate and that nothing rewrites the response on its way.`,
  });
}

function readEnvelope(response: Element, decoded: DecodedResponse): void {
  decoded.issuer = textOf(firstChild(response, NS.saml, 'Issuer'));
  decoded.destination = attributeOf(response, 'Destination');
  decoded.inResponseTo = attributeOf(response, 'InResponseTo');
  decoded.issueInstant = attributeOf(response, 'IssueInstant');
}

function checkEnvelope(input: ValidateSamlResponseInput, response: Element, findings: Findings, decoded: DecodedResponse): void {
  if (decoded.issuer !== null && decoded.issuer !== input.idp.entityId) {
    findings.add({ check: 'issuer', ssoCode: 24, field: 'Response/Issuer', expected: input.idp.entityId, actual: decoded.issuer, explanation: 'The response comes from an issuer the site does not trust. Set the IdP entity ID on the site to the IdP\'s entity ID exactly.' });
  }
  if (decoded.destination !== null && !sameUrl(decoded.destination, input.sp.acsUrl)) {
    findings.add({ check: 'destination', ssoCode: 14, field: 'Response/@Destination', expected: input.sp.acsUrl, actual: decoded.destination, explanation: 'The response was addressed to another URL than the site\'s ACS URL. Set the relying party\'s assertion consumer endpoint to the ACS URL.' });
  }
  checkInResponseTo(input, decoded.inResponseTo, 'Response/@InResponseTo', findings);
  void response;
}

function checkInResponseTo(input: ValidateSamlResponseInput, actual: string | null, field: string, findings: Findings): void {
  if (input.requestId === undefined) return;
  if (actual !== input.requestId) {
    findings.add({
      check: 'in-response-to',
      ssoCode: 28,
      field,
      expected: input.requestId,
      actual: actual ?? '(none: an IdP-initiated response)',
      explanation: actual === null ? 'The site sent a request but the response answers none (IdP-initiated). Start the sign-in from the site.' : 'The response answers another request (an old tab or a bookmarked IdP page). Start the sign-in again from the site.',
    });
  }
}

function checkAssertion(input: ValidateSamlResponseInput, assertion: Element, findings: Findings, decoded: DecodedResponse, skew: number): void {
  const now = input.now.getTime();
  decoded.assertionIssuer = textOf(firstChild(assertion, NS.saml, 'Issuer'));
  if (decoded.assertionIssuer === null) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/Issuer', expected: input.idp.entityId, actual: '(none)', explanation: 'The assertion has no Issuer (saml-core §2.3.3).' });
  } else if (decoded.assertionIssuer !== input.idp.entityId) {
    findings.add({ check: 'issuer', ssoCode: 24, field: 'Assertion/Issuer', expected: input.idp.entityId, actual: decoded.assertionIssuer, explanation: 'The assertion comes from an issuer the site does not trust. Set the IdP entity ID on the site to the IdP\'s entity ID exactly.' });
  }
  decoded.issueInstant = decoded.issueInstant ?? attributeOf(assertion, 'IssueInstant');
  const issued = parseInstant(attributeOf(assertion, 'IssueInstant') ?? decoded.issueInstant);
  if (issued !== null) decoded.clockDifferenceSeconds = Math.round((now - issued) / 1000);

  const subject = firstChild(assertion, NS.saml, 'Subject');
  const nameIdElement = subject ? firstChild(subject, NS.saml, 'NameID') : undefined;
  decoded.nameId = textOf(nameIdElement);
  decoded.nameIdFormat = attributeOf(nameIdElement, 'Format');
  decoded.nameQualifier = attributeOf(nameIdElement, 'NameQualifier');
  if (!subject) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/Subject', expected: 'a Subject', actual: '(none)', explanation: 'The assertion has no Subject (saml-profiles §4.1.4.2).' });
  }
  const confirmations = subject ? childElements(subject, NS.saml, 'SubjectConfirmation').filter((c) => attributeOf(c, 'Method') === BEARER) : [];
  const data = confirmations[0] ? firstChild(confirmations[0], NS.saml, 'SubjectConfirmationData') : undefined;
  if (subject && !data) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/Subject/SubjectConfirmation', expected: `Method="${BEARER}" with SubjectConfirmationData`, actual: '(none)', explanation: 'The assertion has no bearer subject confirmation (saml-profiles §4.1.4.2).' });
  }
  if (data) {
    decoded.recipient = attributeOf(data, 'Recipient');
    if (decoded.recipient === null || !sameUrl(decoded.recipient, input.sp.acsUrl)) {
      findings.add({ check: 'recipient', ssoCode: 14, field: 'Assertion/Subject/SubjectConfirmation/SubjectConfirmationData/@Recipient', expected: input.sp.acsUrl, actual: decoded.recipient ?? '(none)', explanation: 'The assertion is meant for another recipient than the site\'s ACS URL. Set the relying party\'s assertion consumer endpoint to the ACS URL.' });
    }
    checkInResponseTo(input, attributeOf(data, 'InResponseTo'), 'Assertion/Subject/SubjectConfirmation/SubjectConfirmationData/@InResponseTo', findings);
    checkNotOnOrAfter(attributeOf(data, 'NotOnOrAfter'), 'Assertion/Subject/SubjectConfirmation/SubjectConfirmationData/@NotOnOrAfter', input, findings, decoded, skew);
  }

  const conditions = firstChild(assertion, NS.saml, 'Conditions');
  if (conditions) {
    decoded.notBefore = attributeOf(conditions, 'NotBefore');
    decoded.notOnOrAfter = attributeOf(conditions, 'NotOnOrAfter');
    const notBefore = parseInstant(decoded.notBefore);
    if (notBefore !== null && notBefore > now + skew * 1000) {
      findings.add({
        check: 'assertion-time',
        ssoCode: 19,
        field: 'Assertion/Conditions/@NotBefore',
        expected: `at or before ${input.now.toISOString()} (+${skew} s skew)`,
        actual: decoded.notBefore,
        explanation: `The assertion is not valid yet: the IdP's clock is ${Math.round((notBefore - now) / 1000)} s ahead of this one (IdP ${decoded.notBefore}, here ${input.now.toISOString()}). Synchronise both clocks with NTP.`,
      });
    }
    checkNotOnOrAfter(decoded.notOnOrAfter, 'Assertion/Conditions/@NotOnOrAfter', input, findings, decoded, skew);
    decoded.audiences = descendants(conditions, NS.saml, 'Audience').map((a) => textOf(a) ?? '');
    const restrictions = childElements(conditions, NS.saml, 'AudienceRestriction');
    if (restrictions.length === 0) {
      findings.add({ check: 'audience', severity: 'warning', ssoCode: null, field: 'Assertion/Conditions/AudienceRestriction', expected: input.sp.spEntityId, actual: '(none)', explanation: 'The assertion names no audience; the profile requires one naming the site (saml-profiles §4.1.4.2).', fixStep: 'adfs' });
    }
    for (const restriction of restrictions) {
      const audiences = childElements(restriction, NS.saml, 'Audience').map((a) => textOf(a) ?? '');
      if (!audiences.includes(input.sp.spEntityId)) {
        findings.add({ check: 'audience', ssoCode: null, field: 'Assertion/Conditions/AudienceRestriction/Audience', expected: input.sp.spEntityId, actual: audiences.join(', ') || '(none)', explanation: 'The assertion is meant for another service provider: its audience is not the site\'s entity ID. Set the relying party identifier to the SP entity ID (no site error code is documented for this; the site refuses it).', fixStep: 'adfs' });
      }
    }
  } else {
    findings.add({ check: 'audience', severity: 'warning', ssoCode: null, field: 'Assertion/Conditions', expected: 'Conditions with an AudienceRestriction', actual: '(none)', explanation: 'The assertion has no Conditions: no audience and no validity period.', fixStep: 'adfs' });
  }
  const authnStatements = childElements(assertion, NS.saml, 'AuthnStatement');
  if (authnStatements.length === 0) {
    findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/AuthnStatement', expected: 'an AuthnStatement', actual: '(none)', explanation: 'The assertion does not say how the user authenticated (saml-profiles §4.1.4.2 requires an AuthnStatement).' });
  }
  for (const statement of authnStatements) {
    // saml-core §2.7.2: every AuthnStatement carries an AuthnContext naming a class or a declaration.
    const context = firstChild(statement, NS.saml, 'AuthnContext');
    const named = context && (firstChild(context, NS.saml, 'AuthnContextClassRef') || firstChild(context, NS.saml, 'AuthnContextDeclRef') || firstChild(context, NS.saml, 'AuthnContextDecl'));
    if (!named) {
      findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/AuthnStatement/AuthnContext', expected: 'an AuthnContext with an AuthnContextClassRef', actual: context ? 'an empty AuthnContext' : '(none)', explanation: 'The authentication statement does not say how the user signed in (saml-core §2.7.2), so the site cannot accept it.' });
    }
  }

  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
      const name = attributeOf(attribute, 'Name') ?? '';
      const values = childElements(attribute, NS.saml, 'AttributeValue').map((v) => textOf(v) ?? '');
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  decoded.attributes = attributes;
  for (const finding of checkAttributes({ nameId: decoded.nameId, nameIdFormat: decoded.nameIdFormat, nameQualifier: decoded.nameQualifier, attributes, siteUrl: input.sp.siteUrl })) {
    findings.list.push(finding);
  }
}

function checkNotOnOrAfter(value: string | null, field: string, input: ValidateSamlResponseInput, findings: Findings, decoded: DecodedResponse, skew: number): void {
  const limit = parseInstant(value);
  if (limit === null) return;
  const now = input.now.getTime();
  if (now - skew * 1000 >= limit) {
    const late = Math.round((now - limit) / 1000);
    const issued = decoded.clockDifferenceSeconds;
    findings.add({
      check: 'assertion-time',
      ssoCode: 19,
      field,
      expected: `after ${input.now.toISOString()} (−${skew} s skew)`,
      actual: value,
      explanation: `The assertion expired ${late} s before this check (allowed skew ${skew} s). Clock skew is the most common cause: IdP time ${decoded.issueInstant ?? '(unknown)'} at issue, this computer ${input.now.toISOString()}${issued !== null ? `, a difference of ${issued} s` : ''}. Synchronise both clocks with NTP; if they agree, the token lifetime is too short or the response was replayed.`,
    });
  }
}

/** Indented XML for reading (text content kept, whitespace-only text dropped). Never re-parsed. */
export function prettyPrint(document: Document | Element): string {
  const lines: string[] = [];
  const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const escapeAttr = (t: string) => escapeText(t).replace(/"/g, '&quot;');
  const walk = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    if (node.nodeType === 1) {
      const element = node as Element;
      const attrs = Array.from(element.attributes).map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
      const children = Array.from(element.childNodes).filter((c) => c.nodeType === 1 || (c.nodeType === 3 && (c.nodeValue ?? '').trim() !== '') || c.nodeType === 4);
      if (children.length === 0) lines.push(`${pad}<${element.tagName}${attrs}/>`);
      else if (children.length === 1 && children[0]?.nodeType !== 1) lines.push(`${pad}<${element.tagName}${attrs}>${escapeText((children[0]?.nodeValue ?? '').trim())}</${element.tagName}>`);
      else {
        lines.push(`${pad}<${element.tagName}${attrs}>`);
        for (const child of children) walk(child, depth + 1);
        lines.push(`${pad}</${element.tagName}>`);
      }
    } else if (node.nodeType === 3 || node.nodeType === 4) {
      lines.push(`${pad}${escapeText((node.nodeValue ?? '').trim())}`);
    } else if (node.nodeType === 9) {
      for (const child of Array.from(node.childNodes)) walk(child, depth);
    }
  };
  walk(document as unknown as Node, 0);
  return lines.join('\n');
}

