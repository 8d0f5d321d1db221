// A typical signed SAML response for the decode benchmarks, shaped like AD FS's and SimpleSAMLphp's: a signed
// assertion inside a signed response, five attributes, RSA-SHA256 with exc-c14n, signed by a fresh openssl key.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';

/** Writes idp.key, idp.crt, response.xml and response.b64 into dir and says how to check them. */
export function makeSignedResponse(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', path.join(dir, 'idp.key'), '-out', path.join(dir, 'idp.crt'), '-days', '30', '-subj', '/CN=bench.idp.test'], { stdio: 'ignore' });
  const keyPem = readFileSync(path.join(dir, 'idp.key'), 'utf8');
  const certPem = readFileSync(path.join(dir, 'idp.crt'), 'utf8');
  const now = new Date();
  const at = (s) => new Date(now.getTime() + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const idp = 'http://adfs.example.com/adfs/services/trust';
  const sp = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
  const attr = (name, value) => `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${value}</saml:AttributeValue></saml:Attribute>`;
  let xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_resp1" Version="2.0" IssueInstant="${at(0)}" Destination="${sp.acsUrl}" InResponseTo="_req1"><saml:Issuer>${idp}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_assert1" Version="2.0" IssueInstant="${at(0)}"><saml:Issuer>${idp}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req1" NotOnOrAfter="${at(300)}" Recipient="${sp.acsUrl}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${at(-30)}" NotOnOrAfter="${at(3600)}"><saml:AudienceRestriction><saml:Audience>${sp.spEntityId}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attr('firstname', 'Alice')}${attr('lastname', 'Liddell')}${attr('email', 'alice@example.com')}${attr('uid', 'alice@example.com')}${attr('SAML_SUBJECT', 'alice@example.com')}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
  const sign = (doc, target) => {
    const signer = new SignedXml({ privateKey: keyPem, publicCert: certPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
    signer.addReference({ xpath: `//*[local-name(.)='${target}']`, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
    signer.computeSignature(doc, { prefix: 'ds', location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: 'after' } });
    return signer.getSignedXml();
  };
  xml = sign(sign(xml, 'Assertion'), 'Response');
  const responseXml = path.join(dir, 'response.xml');
  const responseB64 = path.join(dir, 'response.b64');
  writeFileSync(responseXml, xml);
  writeFileSync(responseB64, Buffer.from(xml).toString('base64'));
  /** xmlsec1's arguments to verify one of the two signatures with the pinned certificate (never --insecure). */
  const xmlsecArgs = (element) => ['--verify', '--enabled-key-data', 'key-name', '--pubkey-cert-pem', path.join(dir, 'idp.crt'), '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:protocol:Response', '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', '--node-xpath', `//*[local-name()='${element}']/*[local-name()='Signature']`, responseXml];
  /** sso-wizard decode's arguments for the same file. */
  const decodeArgs = ['decode', '--response', responseB64, '--idp-cert', path.join(dir, 'idp.crt'), '--idp-entity-id', idp, '--site-url', sp.siteUrl, '--acs-url', sp.acsUrl, '--request-id', '_req1', '--now', now.toISOString(), '--data-dir', dir];
  return { xml, base64: Buffer.from(xml).toString('base64'), certPem, idp, sp, now, responseXml, responseB64, xmlsecArgs, decodeArgs };
}
