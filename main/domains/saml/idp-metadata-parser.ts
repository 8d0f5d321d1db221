/**
 * Reads what the site needs from an IdP's SAML 2.0 metadata (AD FS FederationMetadata.xml or any other IdP):
 * entity ID, SingleSignOnService endpoints with bindings, every signing certificate with its expiry (AD FS
 * publishes the primary and secondary token-signing certificates during a rollover), NameID formats and the
 * claims AD FS offers (fed:ClaimTypesOffered, WS-Federation 1.2 §3.1.2.4). SAML metadata 2.0 §2.4.3 / §2.4.1.1.
 * A bare certificate (PEM, DER or Base64) is accepted as well.
 */
import { readCertificate } from './certificate-text.js';
import { NS, attributeOf, childElements, descendants, firstChild, parseXmlSafely, textOf } from './xml-parser.js';
import type { Element } from '@xmldom/xmldom';

export interface IdpEndpoint {
  binding: string;
  location: string;
}

export interface IdpCertificate {
  pem: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  /** "signing", "encryption", or null when the KeyDescriptor has no use (then it serves both). */
  use: 'signing' | 'encryption' | null;
}

export interface OfferedClaim {
  uri: string;
  displayName: string | null;
}

export interface IdpMetadata {
  source: 'metadata' | 'certificate';
  entityId: string | null;
  singleSignOnServices: IdpEndpoint[];
  singleLogoutServices: IdpEndpoint[];
  /** Signing certificates (use="signing" or no use), in document order: AD FS lists the primary first. */
  signingCertificates: IdpCertificate[];
  encryptionCertificates: IdpCertificate[];
  nameIdFormats: string[];
  offeredClaims: OfferedClaim[];
  /** Problems worth showing (an unreadable certificate, an expired one) that did not stop the import. */
  warnings: string[];
}

export type IdpMetadataResult = { ok: true; metadata: IdpMetadata } | { ok: false; problem: string };

export const HTTP_REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

function certificatesOf(descriptor: Element, warnings: string[]): { signing: IdpCertificate[]; encryption: IdpCertificate[] } {
  const signing: IdpCertificate[] = [];
  const encryption: IdpCertificate[] = [];
  for (const keyDescriptor of childElements(descriptor, NS.md, 'KeyDescriptor')) {
    const useText = attributeOf(keyDescriptor, 'use');
    const use = useText === 'signing' || useText === 'encryption' ? useText : null;
    for (const x509 of descendants(keyDescriptor, NS.ds, 'X509Certificate')) {
      const read = readCertificate(textOf(x509) ?? '', 'A certificate in the metadata');
      if (!read.ok) {
        warnings.push(read.problem);
        continue;
      }
      const cert: IdpCertificate = {
        pem: read.pem,
        subject: read.certificate.subject.replace(/\n/g, ', '),
        notBefore: new Date(read.certificate.validFrom).toISOString(),
        notAfter: new Date(read.certificate.validTo).toISOString(),
        sha256Fingerprint: read.certificate.fingerprint256,
        use,
      };
      const add = (list: IdpCertificate[]) => {
        if (!list.some((c) => c.sha256Fingerprint === cert.sha256Fingerprint)) list.push(cert);
      };
      if (use !== 'encryption') add(signing);
      if (use !== 'signing') add(encryption);
    }
  }
  return { signing, encryption };
}

function endpoints(descriptor: Element, name: string): IdpEndpoint[] {
  return childElements(descriptor, NS.md, name).map((e) => ({ binding: attributeOf(e, 'Binding') ?? '', location: attributeOf(e, 'Location') ?? '' }));
}

/** Metadata XML or a bare certificate. `now` lets expired signing certificates be flagged. */
export function parseIdpMetadata(text: string, now?: Date): IdpMetadataResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'The IdP metadata is empty. Paste FederationMetadata.xml or the token-signing certificate.' };
  if (!trimmed.startsWith('<')) return fromCertificate(trimmed, now);

  const parsed = parseXmlSafely(trimmed, { what: 'The IdP metadata' });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const root = parsed.root;
  let entity: Element | undefined;
  if (root.namespaceURI === NS.md && root.localName === 'EntityDescriptor') entity = root;
  else if (root.namespaceURI === NS.md && root.localName === 'EntitiesDescriptor') {
    entity = descendants(root, NS.md, 'EntityDescriptor').find((e) => childElements(e, NS.md, 'IDPSSODescriptor').length > 0);
  }
  if (!entity) {
    return { ok: false, problem: `The IdP metadata's root element is ${root.localName}, not a SAML 2.0 md:EntityDescriptor. Download FederationMetadata.xml again (AD FS: https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml).` };
  }
  const idp = firstChild(entity, NS.md, 'IDPSSODescriptor');
  if (!idp) {
    return { ok: false, problem: `The metadata for ${attributeOf(entity, 'entityID') ?? 'this entity'} has no IDPSSODescriptor: it describes a service provider, not an identity provider.` };
  }
  const warnings: string[] = [];
  const { signing, encryption } = certificatesOf(idp, warnings);
  // AD FS puts ClaimTypesOffered in its WS-Federation role descriptors; some IdPs list saml:Attribute in the IdP descriptor.
  const offeredClaims: OfferedClaim[] = [];
  for (const claim of descendants(entity, NS.auth, 'ClaimType')) {
    const uri = attributeOf(claim, 'Uri');
    if (uri && !offeredClaims.some((c) => c.uri === uri)) offeredClaims.push({ uri, displayName: textOf(firstChild(claim, NS.auth, 'DisplayName')) });
  }
  for (const attribute of childElements(idp, NS.saml, 'Attribute')) {
    const uri = attributeOf(attribute, 'Name');
    if (uri && !offeredClaims.some((c) => c.uri === uri)) offeredClaims.push({ uri, displayName: attributeOf(attribute, 'FriendlyName') });
  }
  const metadata: IdpMetadata = {
    source: 'metadata',
    entityId: attributeOf(entity, 'entityID'),
    singleSignOnServices: endpoints(idp, 'SingleSignOnService'),
    singleLogoutServices: endpoints(idp, 'SingleLogoutService'),
    signingCertificates: signing,
    encryptionCertificates: encryption,
    nameIdFormats: childElements(idp, NS.md, 'NameIDFormat').map((e) => textOf(e) ?? ''),
    offeredClaims,
    warnings,
  };
  if (!metadata.entityId) warnings.push('The metadata has no entityID: enter the IdP entity ID by hand.');
  if (signing.length === 0) warnings.push('The metadata has no signing certificate: import the token-signing certificate separately.');
  flagExpired(metadata, now);
  return { ok: true, metadata };
}

function fromCertificate(text: string, now?: Date): IdpMetadataResult {
  const read = readCertificate(text, 'The IdP certificate');
  if (!read.ok) return { ok: false, problem: read.problem };
  const metadata: IdpMetadata = {
    source: 'certificate',
    entityId: null,
    singleSignOnServices: [],
    singleLogoutServices: [],
    signingCertificates: [
      {
        pem: read.pem,
        subject: read.certificate.subject.replace(/\n/g, ', '),
        notBefore: new Date(read.certificate.validFrom).toISOString(),
        notAfter: new Date(read.certificate.validTo).toISOString(),
        sha256Fingerprint: read.certificate.fingerprint256,
        use: 'signing',
      },
    ],
    encryptionCertificates: [],
    nameIdFormats: [],
    offeredClaims: [],
    warnings: ['Only a certificate was given: enter the IdP entity ID and SSO URL by hand, or import the metadata instead.'],
  };
  flagExpired(metadata, now);
  return { ok: true, metadata };
}

function flagExpired(metadata: IdpMetadata, now: Date | undefined): void {
  if (!now) return;
  for (const cert of metadata.signingCertificates) {
    if (Date.parse(cert.notAfter) <= now.getTime()) {
      metadata.warnings.push(`The signing certificate ${cert.subject} expired on ${cert.notAfter}; the site reports error 15 if the IdP still signs with it.`);
    }
  }
}

/** A file as read from disk: DER bytes are turned into Base64 first; text goes through parseIdpMetadata. */
export function parseIdpFile(bytes: Uint8Array, now?: Date): IdpMetadataResult {
  // DER certificates start with a SEQUENCE tag (0x30); text files start with '<', '-' or Base64 characters.
  if (bytes[0] === 0x30 && bytes.length > 1 && (bytes[1] as number) >= 0x80) {
    return fromCertificate(Buffer.from(bytes).toString('base64'), now);
  }
  return parseIdpMetadata(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''), now);
}
