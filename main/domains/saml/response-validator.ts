/**
 * Validates a SAML response the way the site does (Web Browser SSO profile, saml-profiles §4.1.4) and names,
 * for every problem, the site error code it leads to (docs/domain.md, "Which SAML check leads to which code").
 * Order matters for safety: decode → refuse DTDs → structure → signatures with pinned certificates only →
 * everything else is read from the signed content alone. Hostile input yields findings, never an exception.
 */
import { X509Certificate } from 'node:crypto';
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { ssoError, usersMaySee } from '../../../shared/sso-errors/catalogue.js';
import type { DecodedResponse, SamlFinding, ValidationReport } from '../../../shared/saml/validation-report.js';
import { decryptAssertion, withInScopeNamespaces } from './assertion-decrypter.js';
import { checkAttributes } from './attribute-checks.js';
import { emptyDecoded } from './decoded-response.js';
import { pipeline, STOP, type Stage } from './validation-pipeline.js';
import { decodeSamlMessage } from './saml-message.js';
import { readCertificate, summariseCertificate } from './certificate-text.js';
import { verifyEnvelopedSignature, type SignatureVerdict } from './signature-verifier.js';
import { NS, attributeOf, childElements, descendants, firstChild, parseXmlSafely, textOf } from './xml-parser.js';

export interface ValidateSamlResponseInput {
  /** Base64 as POSTed (URL-encoded or a whole "SAMLResponse=…" form body also work), or the raw XML. */
  samlResponse: string;
  binding: 'POST' | 'Redirect' | 'GET' | 'unknown';
  sp: { siteUrl: string; spEntityId: string; acsUrl: string };
  idp: {
    entityId: string;
    /** The certificates the site trusts: the one saved for the site, or every signing certificate in the IdP metadata. */
    certificatesPem: string[];
    /** Signing certificates the IdP metadata also lists but the site does not hold: a signature by one of them is a rollover (8). */
    metadataCertificatesPem?: string[];
  };
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

/** xs:dateTime as SAML uses it (saml-core §1.3.3: UTC); anything else ("yesterday", a bare date) is no time at all. */
const XS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

function parseInstant(value: string | null): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (!XS_DATE_TIME.test(trimmed)) return null;
  const time = Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`);
  return Number.isNaN(time) ? null : time;
}

/** A time attribute that is present but not a time: the site cannot bound the assertion's life, so it refuses it. */
function checkTimeSyntax(value: string | null, field: string, findings: Findings): boolean {
  if (value === null || parseInstant(value) !== null) return true;
  findings.add({
    check: 'assertion-time',
    ssoCode: 19,
    field,
    expected: 'an xs:dateTime in UTC, e.g. 2026-11-28T12:00:00Z',
    actual: value.slice(0, 80),
    explanation: 'This time cannot be read, so the validity of the assertion is unknown and the site refuses it (saml-core §1.3.3). The IdP writes times itself: a response with such a time was not produced by it unchanged.',
  });
  return false;
}

function sameUrl(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

export function validateSamlResponse(input: ValidateSamlResponseInput): ValidationReport {
  return validate(input, true);
}

/** The report, and the names of the stages that ran (a stopped stage is the last one named). */
export function traceSamlValidation(input: ValidateSamlResponseInput): { report: ValidationReport; stages: string[] } {
  const stages: string[] = [];
  const report = validate(input, true, (name) => stages.push(name));
  return { report, stages };
}

function validate(input: ValidateSamlResponseInput, probeReformatting: boolean, observe?: (stage: string) => void): ValidationReport {
  const findings = new Findings();
  const decoded = emptyDecoded(input.now);
  const skew = input.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  try {
    VALIDATION.run({ input, findings, decoded, skew, now: input.now.getTime(), probeReformatting }, input, observe);
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
  if (first && first.check === 'signature-valid' && first.ssoCode === null) {
    return { signsIn: false, summary: 'Signatures not checked: this XML was reformatted; signatures can only be checked on the original, paste the Base64.', findings, decoded };
  }
  const code = first?.ssoCode ? `error ${first.ssoCode} (${ssoError(first.ssoCode)?.description ?? ''})` : 'a refused sign-in';
  return {
    signsIn: false,
    summary: first ? `Would fail with ${code}: ${first.explanation}${first.ssoCode && usersMaySee(first.ssoCode) ? ` ${usersMaySee(first.ssoCode)}` : ''}` : 'Would not sign in: no user name.',
    findings,
    decoded,
  };
}

/** XML that was pasted (not the posted Base64) with whitespace between elements: possibly reformatted for reading. */
function isIndented(xml: string): boolean {
  return />\s*\n\s*</.test(xml);
}

/** The same XML without whitespace-only text nodes: what an indenter added, taken away again. */
function withoutIndentation(document: Document): string {
  const strip = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3 && (child.nodeValue ?? '').trim() === '') node.removeChild(child);
      else if (child.nodeType === 1) strip(child);
    }
  };
  strip(document as unknown as Node);
  return new XMLSerializer().serializeToString(document);
}

/** What every stage shares: the input, the findings and decoded view being built, the clock and the skew. */
interface ValidationContext {
  input: ValidateSamlResponseInput;
  findings: Findings;
  decoded: DecodedResponse;
  skew: number;
  /** input.now in milliseconds. */
  now: number;
  /** Whether a failing signature on indented XML may be checked again without the indentation (not inside that check). */
  probeReformatting: boolean;
}

/** The XML out of the pasted or posted text, and the Base64 as posted. */
interface Message {
  xml: string;
  original: string | null;
}

/** The parsed document and its root element, refused DTDs and all. */
interface Parsed {
  documentXml: string;
  /** The Base64 as posted, or null when XML was pasted (then indentation may have broken the digests). */
  original: string | null;
  document: Document;
  response: Element;
}

/** A SAML 2.0 Response with its assertions where the profile puts them, and its status. */
interface Structured extends Parsed {
  assertions: Element[];
  encrypted: Element[];
  topStatus: string | null;
}

/** What the response signature gave: the trusted certificates, the signed Response (when it verified) and its certificate. */
interface ResponseTrust extends Structured {
  pins: string[];
  responseSignature: Element | undefined;
  trustedResponse: Element | null;
  usedPem: string | null;
  context: (xml: string, parent: Element, signature: Element) => SignatureContext;
}

/** The assertion to judge, decrypted if need be, and the XML it was read from. */
interface WithAssertion extends ResponseTrust {
  assertion: Element;
  assertionXml: string;
}

/** The assertion's own signature checked: the signed assertion, when a valid signature covers it. */
interface AssertionTrust extends WithAssertion {
  assertionSignature: Element | undefined;
  trustedAssertion: Element | null;
}

/** From here on only signed content is read: the assertion and envelope to check (the received ones when nothing verified, for diagnosis). */
interface Trusted {
  content: Element;
  envelope: Element;
}

type ValidationStage<In, Out> = Stage<ValidationContext, In, Out>;

const bindingStage: ValidationStage<ValidateSamlResponseInput, string> = {
  name: 'binding',
  run({ findings }, input) {
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
    return input.samlResponse;
  },
};

const decodeStage: ValidationStage<string, Message> = {
  name: 'decode',
  run({ findings }, samlResponse) {
    const message = decodeSamlMessage(samlResponse);
    if (!message.ok && message.redirectEncoded) {
      findings.add({
        check: 'binding',
        ssoCode: 5,
        field: 'SAMLResponse',
        expected: 'Base64 of the XML, sent by HTTP POST',
        actual: 'DEFLATE-compressed Base64 (HTTP-Redirect binding)',
        explanation: 'The response is DEFLATE-encoded, as the HTTP-Redirect binding sends it. The site accepts responses by HTTP POST only ("Only POST request is supported"), so it is not judged further. Set the relying party\'s SAML assertion consumer endpoint binding to POST (AD FS: New-AdfsSamlEndpoint -Binding POST).',
        fixStep: 'adfs',
      });
      return STOP;
    }
    if (!message.ok) {
      findings.add({ check: 'post-data', ssoCode: 6, field: 'SAMLResponse', expected: 'Base64-encoded SAML XML', actual: message.problem, explanation: `${message.problem} The site answers "Incorrect SAML SSO POST data".` });
      return STOP;
    }
    return { xml: message.xml, original: message.original };
  },
};

const volumeStage: ValidationStage<Message, Message> = {
  name: 'volume',
  run({ findings, decoded }, message) {
    const values = countAttributeValues(message.xml);
    if (values > ATTRIBUTE_LIMITS.valuesInResponse) {
      decoded.original = message.original;
      findings.add({
        check: 'attribute-limits',
        ssoCode: null,
        field: 'Assertion/AttributeStatement',
        expected: `at most ${ATTRIBUTE_LIMITS.valuesInResponse} attribute values`,
        actual: `${values} attribute values in ${Math.round(message.xml.length / 1024)} KB`,
        explanation: `The response carries ${values} attribute values, far more than a sign-in needs (the site reads firstname, lastname, email, uid, SAML_SUBJECT, updatetimestamp), so it was not analysed further. Issue only those claims to the site's relying party: a rule that sends every group membership makes tokens this large, slows every sign-in and can exceed the site's request size.`,
        fixStep: 'attributes',
      });
      return STOP;
    }
    return message;
  },
};

const parseStage: ValidationStage<Message, Parsed> = {
  name: 'parse',
  run({ findings, decoded }, message) {
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
      return STOP;
    }
    const documentXml = message.xml;
    const response = parsed.root;
    decoded.rootElement = `${response.prefix ? `${response.prefix}:` : ''}${response.localName}`;
    decoded.xml = prettyPrint(parsed.document);
    decoded.original = message.original;
    return { documentXml, original: message.original, document: parsed.document, response };
  },
};

const structureStage: ValidationStage<Parsed, Structured> = {
  name: 'structure and status',
  run({ findings, decoded }, parsed) {
    const { response } = parsed;
    if (response.localName === 'RequestSecurityTokenResponse' || response.localName === 'RequestSecurityTokenResponseCollection') {
      findings.add({
        check: 'response-structure',
        ssoCode: 22,
        field: 'Response',
        expected: 'samlp:Response (SAML 2.0 protocol)',
        actual: response.localName,
        explanation: 'This is a WS-Federation token, not a SAML 2.0 response: the relying party is set up for WS-Federation. Recreate it from the site\'s SP metadata (SAML 2.0 endpoint).',
      });
      return STOP;
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
      return STOP;
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
    return { ...parsed, assertions, encrypted, topStatus };
  },
};

const responseSignatureStage: ValidationStage<Structured, ResponseTrust> = {
  name: 'response signature',
  run({ input, findings, decoded, probeReformatting }, structured) {
    const { documentXml, response } = structured;
    const pins = input.idp.certificatesPem;
    const pinPrints = new Set(pins.map((p) => { const r = readCertificate(p); return r.ok ? r.certificate.fingerprint256 : ''; }));
    const metadataOnly = (input.idp.metadataCertificatesPem ?? []).filter((p) => { const r = readCertificate(p); return r.ok && !pinPrints.has(r.certificate.fingerprint256); });
    const indentedXml = structured.original === null && isIndented(documentXml);
    let probed: boolean | null = null;
    // Only when a signature fails on indented XML: check the same XML without the indentation (once).
    const reformattedOnly = (): boolean => {
      if (probed !== null) return probed;
      probed = false;
      if (!probeReformatting || !indentedXml) return probed;
      const reparsed = parseXmlSafely(documentXml);
      if (!reparsed.ok) return probed;
      const probe = validate({ ...input, samlResponse: withoutIndentation(reparsed.document) }, false);
      probed = (probe.decoded.responseSigned || probe.decoded.assertionSigned) && !probe.findings.some((f) => f.severity === 'error' && (f.check === 'signature-valid' || f.check === 'signature-certificate'));
      return probed;
    };
    const context = (xml: string, parent: Element, signature: Element) => ({ documentXml: xml, parent, signature, pins, metadataOnly, indentedXml, get reformattedOnly() { return reformattedOnly(); } });
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
      ({ trusted: trustedResponse, pem: usedPem } = checkSignature(findings, decoded, pins, 'Response/Signature', 'The signed Response', context(documentXml, response, responseSignature)));
    }
    return { ...structured, pins, responseSignature, trustedResponse, usedPem, context };
  },
};

const decryptionStage: ValidationStage<ResponseTrust, WithAssertion> = {
  name: 'decryption',
  run({ input, findings, decoded }, trust) {
    const { documentXml, response, assertions, encrypted, topStatus, trustedResponse } = trust;
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
        return STOP;
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
        return STOP;
      }
      const plainXml = withInScopeNamespaces(plain.xml, source);
      const inner = parseXmlSafely(plainXml, { what: 'The decrypted assertion' });
      if (!inner.ok || inner.root.localName !== 'Assertion' || inner.root.namespaceURI !== NS.saml) {
        findings.add({ check: 'encrypted-assertion', ssoCode: 13, field: 'Response/EncryptedAssertion', expected: 'saml:Assertion', actual: inner.ok ? inner.root.localName : inner.problem, explanation: 'The decrypted content is not a SAML assertion.' });
        return STOP;
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
      return STOP;
    }
    return { ...trust, assertion, assertionXml };
  },
};

const assertionSignatureStage: ValidationStage<WithAssertion, AssertionTrust> = {
  name: 'assertion signature',
  run({ findings, decoded }, withAssertion) {
    const { assertion, assertionXml, assertions, pins, responseSignature, trustedResponse, context } = withAssertion;
    let { usedPem } = withAssertion;
    // The assertion's own signature: the one the site (WantAssertionsSigned="true") requires.
    const assertionSignature = firstChild(assertion, NS.ds, 'Signature');
    let trustedAssertion: Element | null = null;
    if (assertionSignature) {
      decoded.assertionSigned = true;
      const checked = checkSignature(findings, decoded, pins, 'Assertion/Signature', 'The signed assertion', context(assertionXml, assertion, assertionSignature));
      trustedAssertion = checked.trusted;
      usedPem = checked.pem ?? usedPem;
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
    return { ...withAssertion, usedPem, assertionSignature, trustedAssertion };
  },
};

const signingCertificateStage: ValidationStage<AssertionTrust, Trusted> = {
  name: 'signing certificate and coverage',
  run({ input, findings, decoded, now }, trust) {
    const { usedPem, pins, trustedAssertion, trustedResponse, assertion, assertions, response } = trust;
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
    if (!trustedAssertion && !findings.list.some((f) => f.check === 'signature-valid' || f.check === 'signature-present' || f.check === 'signature-certificate')) {
      findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion', expected: 'an assertion covered by a valid signature', actual: 'not covered', explanation: 'No valid signature covers the assertion that would be used.' });
    }
    if (trustedAssertion && assertions.length > 0 && attributeOf(trustedAssertion, 'ID') !== attributeOf(assertion, 'ID')) {
      findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/@ID', expected: attributeOf(trustedAssertion, 'ID'), actual: attributeOf(assertion, 'ID'), explanation: 'The signed assertion is not the one in place (signature wrapping).' });
    }
    return { content: trustedAssertion ?? assertion, envelope: trustedResponse ?? response };
  },
};

const envelopeStage: ValidationStage<Trusted, Trusted> = {
  name: 'envelope: issuer, destination, InResponseTo',
  run({ input, findings, decoded }, trusted) {
    readEnvelope(trusted.envelope, decoded);
    checkEnvelope(input, trusted.envelope, findings, decoded);
    return trusted;
  },
};

const assertionIssuerStage: ValidationStage<Trusted, Trusted> = {
  name: 'assertion issuer and issue time',
  run({ input, findings, decoded, now }, trusted) {
    const assertion = trusted.content;
    decoded.assertionIssuer = textOf(firstChild(assertion, NS.saml, 'Issuer'));
    if (decoded.assertionIssuer === null) {
      findings.add({ check: 'assertion-structure', ssoCode: 13, field: 'Assertion/Issuer', expected: input.idp.entityId, actual: '(none)', explanation: 'The assertion has no Issuer (saml-core §2.3.3).' });
    } else if (decoded.assertionIssuer !== input.idp.entityId) {
      findings.add({ check: 'issuer', ssoCode: 24, field: 'Assertion/Issuer', expected: input.idp.entityId, actual: decoded.assertionIssuer, explanation: 'The assertion comes from an issuer the site does not trust. Set the IdP entity ID on the site to the IdP\'s entity ID exactly.' });
    }
    decoded.issueInstant = decoded.issueInstant ?? attributeOf(assertion, 'IssueInstant');
    checkTimeSyntax(attributeOf(assertion, 'IssueInstant'), 'Assertion/@IssueInstant', findings);
    const issued = parseInstant(attributeOf(assertion, 'IssueInstant') ?? decoded.issueInstant);
    if (issued !== null) decoded.clockDifferenceSeconds = Math.round((now - issued) / 1000);
    return trusted;
  },
};

const subjectStage: ValidationStage<Trusted, Trusted> = {
  name: 'subject and bearer confirmation',
  run({ input, findings, decoded, skew }, trusted) {
    const assertion = trusted.content;
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
      const dataField = 'Assertion/Subject/SubjectConfirmation/SubjectConfirmationData/@NotOnOrAfter';
      const dataLimit = attributeOf(data, 'NotOnOrAfter');
      if (dataLimit === null) {
        // saml-profiles §4.1.4.2: the bearer SubjectConfirmationData MUST carry NotOnOrAfter; without it the
        // assertion never expires and can be replayed at will.
        findings.add({
          check: 'assertion-time',
          ssoCode: 19,
          field: dataField,
          expected: 'a time a few minutes after issue',
          actual: '(none)',
          explanation: 'The bearer subject confirmation has no NotOnOrAfter, so the assertion would never expire and could be replayed; the Web SSO profile requires it (saml-profiles §4.1.4.2). AD FS always sets it: check what produced or changed this response.',
        });
      } else if (checkTimeSyntax(dataLimit, dataField, findings)) {
        checkNotOnOrAfter(dataLimit, dataField, input, findings, decoded, skew);
      }
      checkTimeSyntax(attributeOf(data, 'NotBefore'), 'Assertion/Subject/SubjectConfirmation/SubjectConfirmationData/@NotBefore', findings);
    }
    return trusted;
  },
};

const conditionsStage: ValidationStage<Trusted, Trusted> = {
  name: 'conditions: validity period and audience',
  run({ input, findings, decoded, skew, now }, trusted) {
    const assertion = trusted.content;
    const conditions = firstChild(assertion, NS.saml, 'Conditions');
    if (conditions) {
      decoded.notBefore = attributeOf(conditions, 'NotBefore');
      decoded.notOnOrAfter = attributeOf(conditions, 'NotOnOrAfter');
      checkTimeSyntax(decoded.notBefore, 'Assertion/Conditions/@NotBefore', findings);
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
      if (checkTimeSyntax(decoded.notOnOrAfter, 'Assertion/Conditions/@NotOnOrAfter', findings)) {
        checkNotOnOrAfter(decoded.notOnOrAfter, 'Assertion/Conditions/@NotOnOrAfter', input, findings, decoded, skew);
      }
      decoded.audiences = descendants(conditions, NS.saml, 'Audience').map((a) => textOf(a) ?? '');
      const restrictions = childElements(conditions, NS.saml, 'AudienceRestriction');
      if (restrictions.length === 0) {
        findings.add({ check: 'audience', ssoCode: 13, field: 'Assertion/Conditions/AudienceRestriction', expected: input.sp.spEntityId, actual: '(none)', explanation: 'The assertion names no audience, so any service provider would accept it; the Web SSO profile requires an AudienceRestriction naming the site (saml-profiles §4.1.4.2). AD FS always writes the relying party identifier there: check what produced this response.', fixStep: 'adfs' });
      }
      for (const restriction of restrictions) {
        const audiences = childElements(restriction, NS.saml, 'Audience').map((a) => textOf(a) ?? '');
        if (!audiences.includes(input.sp.spEntityId)) {
          findings.add({ check: 'audience', ssoCode: null, field: 'Assertion/Conditions/AudienceRestriction/Audience', expected: input.sp.spEntityId, actual: audiences.join(', ') || '(none)', explanation: 'The assertion is meant for another service provider: its audience is not the site\'s entity ID. Set the relying party identifier to the SP entity ID (no site error code is documented for this; the site refuses it).', fixStep: 'adfs' });
        }
      }
    } else {
      findings.add({ check: 'audience', ssoCode: 13, field: 'Assertion/Conditions', expected: 'Conditions with an AudienceRestriction naming the site', actual: '(none)', explanation: 'The assertion has no Conditions: no audience and no validity period, so any service provider would accept it; the Web SSO profile requires an AudienceRestriction naming the site (saml-profiles §4.1.4.2).', fixStep: 'adfs' });
    }
    return trusted;
  },
};

const authnStage: ValidationStage<Trusted, Trusted> = {
  name: 'authentication statement',
  run({ findings }, trusted) {
    const assertion = trusted.content;
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
    return trusted;
  },
};

const attributesStage: ValidationStage<Trusted, Trusted> = {
  name: 'attributes',
  run({ input, findings, decoded }, trusted) {
    const assertion = trusted.content;
    const attributes = mergeAttributes(assertion, findings);
    decoded.attributes = attributes;
    for (const finding of checkAttributes({ nameId: decoded.nameId, nameIdFormat: decoded.nameIdFormat, nameQualifier: decoded.nameQualifier, attributes, siteUrl: input.sp.siteUrl })) {
      findings.list.push(finding);
    }
    return trusted;
  },
};

/**
 * The validation, in order: decode and refuse what is not a POSTed SAML message, parse without DTDs, check the
 * structure, verify signatures with the pinned certificates only, decrypt, then read the signed content alone.
 */
const VALIDATION = pipeline(bindingStage)
  .then(decodeStage)
  .then(volumeStage)
  .then(parseStage)
  .then(structureStage)
  .then(responseSignatureStage)
  .then(decryptionStage)
  .then(assertionSignatureStage)
  .then(signingCertificateStage)
  .then(envelopeStage)
  .then(assertionIssuerStage)
  .then(subjectStage)
  .then(conditionsStage)
  .then(authnStage)
  .then(attributesStage);

/** The stages' names, in the order they run. */
export const VALIDATION_STAGES: readonly string[] = VALIDATION.names;

/**
 * One enveloped signature (the Response's or the assertion's) checked against the pinned certificates: when it
 * verifies, the element as re-read from the signed bytes only, and the certificate that verified it; when not, the
 * finding that says why.
 */
function checkSignature(findings: Findings, decoded: DecodedResponse, pins: string[], field: string, what: string, where: SignatureContext): { trusted: Element | null; pem: string | null } {
  const verdict = verifyEnvelopedSignature(where.documentXml, where.parent, where.signature, pins);
  if (verdict.status !== 'valid') {
    reportBadSignature(findings, decoded, verdict, field, where);
    return { trusted: null, pem: null };
  }
  const signed = parseXmlSafely(verdict.signedXml, { what });
  warnWeakAlgorithms(findings, verdict.algorithms, field);
  return signed.ok ? { trusted: signed.root, pem: verdict.certificatePem } : { trusted: null, pem: null };
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

/** What a signature finding needs beyond the verdict: the certificates to name, and how the XML arrived. */
interface SignatureContext {
  documentXml: string;
  parent: Element;
  signature: Element;
  pins: readonly string[];
  /** IdP metadata certificates the site was not given: verifying with one of them means a rollover (8). */
  metadataOnly: readonly string[];
  /** Set when the pasted XML is indented and its whitespace-free form verifies: reformatting broke the digests, nothing else. */
  reformattedOnly: boolean;
  /** Set when XML (not the posted Base64) was pasted and it is indented: it may be reformatted. */
  indentedXml: boolean;
}

function describeCertificate(pem: string): string {
  const read = readCertificate(pem);
  if (!read.ok) return 'an unreadable certificate';
  const c = summariseCertificate(read.certificate, 'configured');
  return `${c.subject} (SHA-256 ${c.sha256Fingerprint}, valid ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)})`;
}

function reportBadSignature(findings: Findings, decoded: DecodedResponse, verdict: Extract<SignatureVerdict, { status: 'invalid' }>, field: string, context: SignatureContext): void {
  const havePins = context.pins.length > 0;
  const checkedAgainst = context.pins.map(describeCertificate).join('; ');
  const reformatted = (proven: boolean) =>
    findings.add({
      check: 'signature-valid',
      ssoCode: null,
      field,
      expected: 'the SAMLResponse as posted (Base64)',
      actual: 'XML that was reformatted (indented for reading)',
      explanation: `This XML was reformatted; signatures can only be checked on the original, paste the Base64. ${proven ? `The digests fail only because of the added whitespace: without it the signature verifies with ${checkedAgainst}.` : 'Indenting changes what was signed, so no verdict on the signature (and no error code) can be given from this text.'} Copy "Original (Base64)" from the test sign-in, or the SAMLResponse field from the browser's network log.`,
      fixStep: null,
    });
  if (context.reformattedOnly) {
    reformatted(true);
    return;
  }
  // Rollover: the signature verifies with a certificate the IdP publishes in its metadata but the site does not hold.
  const rolled = context.metadataOnly.length > 0 ? verifyEnvelopedSignature(context.documentXml, context.parent, context.signature, context.metadataOnly) : null;
  if (rolled?.status === 'valid') {
    decoded.signingCertificate = summariseCertificate(new X509Certificate(rolled.certificatePem), 'document');
    findings.add({
      check: 'signature-certificate',
      ssoCode: 8,
      field,
      expected: `a signature by the certificate the site holds: ${checkedAgainst}`,
      actual: `signed by ${describeCertificate(rolled.certificatePem)}, which the IdP publishes in its metadata`,
      explanation: 'The IdP signs with another of its token-signing certificates than the one the site holds (an AD FS certificate rollover). Save the IdP\'s current signing certificate for the site ("IdP certificate for the site") and put it in the site\'s SSO settings.',
      fixStep: 'idp-certificate',
    });
    return;
  }
  const embedded = verdict.embeddedCertificatePem;
  if (verdict.embeddedVerifies && embedded) {
    decoded.signingCertificate = summariseCertificate(new X509Certificate(embedded), 'document');
    // With no certificate configured, error 4 already says what to do; the embedded one is shown, not trusted.
    if (!havePins) return;
    findings.add({
      check: 'signature-certificate',
      ssoCode: 23,
      field,
      expected: `a signature by the IdP's certificate: ${checkedAgainst}`,
      actual: `signed by the certificate in KeyInfo, ${describeCertificate(embedded)}, which is not in the IdP metadata`,
      explanation: 'The response is signed with a key the IdP does not publish: either the wizard holds old IdP metadata (import the current FederationMetadata.xml, then save its signing certificate for the site), or the response did not come from your IdP. Never trust a certificate only because the response carries it.',
      fixStep: 'idp-certificate',
    });
    return;
  }
  if (!havePins) return;
  // Indented XML was pasted: whitespace the signer never saw breaks every digest, so 23 would send the admin
  // hunting a certificate problem that may not exist.
  if (context.indentedXml) {
    reformatted(false);
    return;
  }
  const keyInfo = embedded ? ` The response carries ${describeCertificate(embedded)} in KeyInfo${context.pins.some((p) => sameCertificate(p, embedded)) ? ' (the configured one)' : ', which is not in the IdP metadata'}.` : '';
  findings.add({
    check: 'signature-valid',
    ssoCode: 23,
    field,
    expected: `a signature that verifies with ${checkedAgainst}`,
    actual: verdict.problem,
    explanation: `The signature does not verify: ${verdict.problem}.${keyInfo} Check that the site holds the IdP's current token-signing certificate ("IdP certificate for the site") and that nothing rewrites the response on its way.`,
    fixStep: 'idp-certificate',
  });
}

function sameCertificate(a: string, b: string): boolean {
  const x = readCertificate(a);
  const y = readCertificate(b);
  return x.ok && y.ok && x.certificate.fingerprint256 === y.certificate.fingerprint256;
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

/** What one response may carry before the rest is counted, not kept: a real IdP sends a few dozen values. */
export const ATTRIBUTE_LIMITS = { names: 200, valuesPerName: 100, valueLength: 4096, valuesInResponse: 2000 } as const;

/**
 * Counted before parsing (a regex pass costs milliseconds; building the DOM of a 4 MB response costs seconds):
 * a response with more attribute values than any sign-in needs is named, not parsed, so one paste cannot stall
 * browser mode. AD FS tokens this large come from issuing every group membership.
 */
function countAttributeValues(xml: string): number {
  let count = 0;
  const pattern = /<(?:[A-Za-z_][\w.-]*:)?AttributeValue[\s>/]/g;
  while (pattern.exec(xml) !== null) count += 1;
  return count;
}

/**
 * Attribute name → values, in one pass (linear: one array per name, pushed to), keeping at most
 * ATTRIBUTE_LIMITS; what goes over is counted and reported once instead of carried into the report.
 */
function mergeAttributes(assertion: Element, findings: Findings): Record<string, string[]> {
  const merged = new Map<string, string[]>();
  let droppedNames = 0;
  let droppedValues = 0;
  let cutValues = 0;
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
      const name = attributeOf(attribute, 'Name') ?? '';
      let values = merged.get(name);
      if (values === undefined) {
        if (merged.size >= ATTRIBUTE_LIMITS.names) {
          droppedNames += 1;
          continue;
        }
        values = [];
        merged.set(name, values);
      }
      for (const element of childElements(attribute, NS.saml, 'AttributeValue')) {
        if (values.length >= ATTRIBUTE_LIMITS.valuesPerName) {
          droppedValues += 1;
          continue;
        }
        const value = textOf(element) ?? '';
        if (value.length > ATTRIBUTE_LIMITS.valueLength) cutValues += 1;
        values.push(value.length > ATTRIBUTE_LIMITS.valueLength ? value.slice(0, ATTRIBUTE_LIMITS.valueLength) : value);
      }
    }
  }
  if (droppedNames + droppedValues + cutValues > 0) {
    findings.add({
      check: 'attribute-limits',
      severity: 'warning',
      ssoCode: null,
      field: 'Assertion/AttributeStatement',
      expected: `at most ${ATTRIBUTE_LIMITS.names} attribute names, ${ATTRIBUTE_LIMITS.valuesPerName} values each, ${ATTRIBUTE_LIMITS.valueLength} characters a value`,
      actual: [droppedNames > 0 ? `${droppedNames} more names` : '', droppedValues > 0 ? `${droppedValues} more values` : '', cutValues > 0 ? `${cutValues} longer values` : ''].filter(Boolean).join(', '),
      explanation: 'The assertion carries far more attributes than the site reads (firstname, lastname, email, uid, SAML_SUBJECT, updatetimestamp); the rest was counted, not shown. Send only the attributes the site needs: large tokens slow every sign-in and can exceed the site\'s request size.',
      fixStep: 'attributes',
    });
  }
  return Object.fromEntries(merged);
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


/**
 * The response's own Issuer, for a check that was given no IdP entity ID (null when it cannot be read).
 * @public called by name through a parser runner (limited-parsers.ts), which knip cannot follow.
 */
export function responseIssuer(samlResponse: string): string | null {
  const message = decodeSamlMessage(samlResponse);
  if (!message.ok) return null;
  const parsed = parseXmlSafely(message.xml);
  return parsed.ok ? textOf(firstChild(parsed.root, NS.saml, 'Issuer')) : null;
}
