/**
 * Builds and signs SAML responses locally (xml-crypto, RSA-SHA256, exc-c14n) for table-driven validator tests
 * that need shapes a real IdP will not produce. Real-IdP behaviour is tested with SimpleSAMLphp instead.
 */
import { SignedXml } from 'xml-crypto';

export interface ResponseShape {
  now: Date;
  issuer?: string;
  acsUrl?: string;
  audience?: string | null;
  status?: string;
  version?: string;
  nameId?: string | null;
  nameIdAttributes?: string;
  subject?: boolean;
  conditions?: boolean;
  authnStatement?: 'full' | 'empty-context' | 'none';
  attributes?: Record<string, string>;
  assertion?: boolean;
  /** The bearer SubjectConfirmationData's NotOnOrAfter: null leaves it out; a string is written as is. */
  subjectNotOnOrAfter?: string | null;
  /** The Conditions' NotOnOrAfter: null leaves it out; a string is written as is. */
  conditionsNotOnOrAfter?: string | null;
  /** Extra XML inside the AttributeStatement, after the attributes (e.g. thousands of same-name attributes). */
  extraAttributesXml?: string;
}

const at = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function timeAttribute(name: string, value: string | null | undefined, fallback: string): string {
  if (value === null) return '';
  return ` ${name}="${value ?? fallback}"`;
}

export function responseXml(shape: ResponseShape): string {
  const issuer = shape.issuer ?? 'http://adfs.example.com/adfs/services/trust';
  const acs = shape.acsUrl ?? 'https://meet.example.com/sso/acs';
  const now = shape.now;
  const attributes = shape.attributes ?? { firstname: 'Alice', lastname: 'Liddell', email: 'alice@example.com', uid: 'alice@example.com', SAML_SUBJECT: 'alice@example.com', updatetimestamp: '2026-01-15T09:30:00Z' };
  const nameId = shape.nameId === null ? '' : `<saml:NameID ${shape.nameIdAttributes ?? 'Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"'}>${shape.nameId ?? 'alice@example.com'}</saml:NameID>`;
  const subject = shape.subject === false ? '' : `<saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${timeAttribute('NotOnOrAfter', shape.subjectNotOnOrAfter, at(now, 300))} Recipient="${acs}"/></saml:SubjectConfirmation></saml:Subject>`;
  const audience = shape.audience === null ? '' : `<saml:AudienceRestriction><saml:Audience>${shape.audience ?? 'https://meet.example.com'}</saml:Audience></saml:AudienceRestriction>`;
  const conditions = shape.conditions === false ? '' : `<saml:Conditions NotBefore="${at(now, -30)}"${timeAttribute('NotOnOrAfter', shape.conditionsNotOnOrAfter, at(now, 300))}>${audience}</saml:Conditions>`;
  const authn =
    shape.authnStatement === 'none'
      ? ''
      : `<saml:AuthnStatement AuthnInstant="${at(now, 0)}"><saml:AuthnContext>${shape.authnStatement === 'empty-context' ? '' : '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>'}</saml:AuthnContext></saml:AuthnStatement>`;
  const attrs = Object.entries(attributes).map(([k, v]) => `<saml:Attribute Name="${k}"><saml:AttributeValue>${v}</saml:AttributeValue></saml:Attribute>`).join('');
  const assertion = shape.assertion === false ? '' : `<saml:Assertion ID="_a1" Version="2.0" IssueInstant="${at(now, 0)}"><saml:Issuer>${issuer}</saml:Issuer>${subject}${conditions}${authn}<saml:AttributeStatement>${attrs}${shape.extraAttributesXml ?? ''}</saml:AttributeStatement></saml:Assertion>`;
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="${shape.version ?? '2.0'}" IssueInstant="${at(now, 0)}" Destination="${acs}"><saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${shape.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>${assertion}</samlp:Response>`;
}

/** Signs the element with the given local name (Assertion or Response), placing the signature after its Issuer. */
export function signElement(xml: string, target: 'Assertion' | 'Response', keyPem: string, certPem: string): string {
  const signer = new SignedXml({ privateKey: keyPem, publicCert: certPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  signer.addReference({ xpath: `//*[local-name(.)='${target}']`, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
}
