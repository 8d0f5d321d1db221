/**
 * An AuthnRequest for the HTTP-Redirect binding (saml-bindings §3.4.4.1): DEFLATE (raw, RFC 1951), Base64,
 * URL-encode; when a key is given, sign "SAMLRequest=…&RelayState=…&SigAlg=…" with RSA-SHA256. The ID is
 * returned so the response's InResponseTo can be checked (saml-profiles §4.1.4.2).
 */
import { createSign, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { EMAIL_NAMEID_FORMAT } from './sp-metadata-builder.js';
import { escapeXml } from './xml-escape.js';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export interface AuthnRequestOptions {
  spEntityId: string;
  acsUrl: string;
  idpSsoUrl: string;
  now: Date;
  /** An xs:ID (starts with a letter or "_"); a fresh random one by default. */
  id?: string;
  /** PEM private key of the site; signs the query string when given. */
  signingKeyPem?: string;
  relayState?: string;
  /** Ask for an emailAddress NameID (default true), as the site requires. */
  requestEmailNameId?: boolean;
}

export interface AuthnRequest {
  id: string;
  xml: string;
  redirectUrl: string;
}

export function newRequestId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** SAML wants xs:dateTime in UTC without fractions (saml-core §1.3.3). */
export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildAuthnRequest(options: AuthnRequestOptions): AuthnRequest {
  const id = options.id ?? newRequestId();
  if (!/^[A-Za-z_][\w.-]*$/.test(id)) throw new Error(`AuthnRequest id "${id}" is not an xs:ID (must start with a letter or "_")`);
  const policy =
    options.requestEmailNameId === false ? '' : `\n  <samlp:NameIDPolicy Format="${EMAIL_NAMEID_FORMAT}" AllowCreate="true"/>`;
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${escapeXml(id)}" Version="2.0" IssueInstant="${samlInstant(options.now)}" Destination="${escapeXml(options.idpSsoUrl)}" AssertionConsumerServiceURL="${escapeXml(options.acsUrl)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">
  <saml:Issuer>${escapeXml(options.spEntityId)}</saml:Issuer>${policy}
</samlp:AuthnRequest>`;
  const encoded = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  // The signed octets are the query parameters exactly as they appear in the URL (§3.4.4.1).
  let query = `SAMLRequest=${encodeURIComponent(encoded)}`;
  if (options.relayState !== undefined) query += `&RelayState=${encodeURIComponent(options.relayState)}`;
  if (options.signingKeyPem) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = createSign('RSA-SHA256').update(query).sign(options.signingKeyPem).toString('base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  const separator = options.idpSsoUrl.includes('?') ? '&' : '?';
  return { id, xml, redirectUrl: `${options.idpSsoUrl}${separator}${query}` };
}
