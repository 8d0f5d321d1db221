/**
 * The site's SAML 2.0 service-provider metadata, for AD FS (Add-AdfsRelyingPartyTrust -MetadataFile) or any
 * IdP: entity ID, one HTTP-POST AssertionConsumerService, NameIDFormat emailAddress (the site requires the
 * email as NameID) and the site certificate as the signing KeyDescriptor. Element order follows
 * saml-schema-metadata-2.0.xsd (SSODescriptorType, then SPSSODescriptorType).
 */
import { pemFromBase64 } from './certificate-text.js';
import { escapeXml } from './xml-escape.js';

export const EMAIL_NAMEID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface SpMetadataOptions {
  spEntityId: string;
  acsUrl: string;
  /** The site certificate (PEM). Without it the KeyDescriptor is left out. */
  certificatePem?: string;
  /** Default true: the site refuses unsigned assertions (code 20). */
  wantAssertionsSigned?: boolean;
  /**
   * Set when the site signs its AuthnRequests (the AD FS bundle does: the relying party's request-signing
   * certificate exists to check them). Default false, so a generic SP metadata promises nothing it does not do.
   */
  authnRequestsSigned?: boolean;
  /** A certificate the IdP may encrypt assertions to (the site's own, usually): a KeyDescriptor use="encryption". */
  encryptionCertificatePem?: string;
}

/** The Base64 body of the first certificate in a PEM text (ds:X509Certificate holds DER in Base64, no armour). */
export function certificateBase64(pem: string): string {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new Error('certificatePem holds no "-----BEGIN CERTIFICATE-----" block');
  return (match[1] as string).replace(/\s+/g, '');
}

function keyDescriptor(use: 'signing' | 'encryption', pem: string): string {
  const body = certificateBase64(pem);
  // Re-wrap to 64 columns, the way IdPs print it.
  const wrapped = pemFromBase64(body).split('\n').slice(1, -2).join('\n          ');
  return `    <md:KeyDescriptor use="${use}">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>${wrapped}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
`;
}

export function buildSpMetadata(options: SpMetadataOptions): string {
  const wantSigned = options.wantAssertionsSigned ?? true;
  const attributes = [
    `protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"`,
    `AuthnRequestsSigned="${options.authnRequestsSigned ? 'true' : 'false'}"`,
    `WantAssertionsSigned="${wantSigned ? 'true' : 'false'}"`,
  ].join(' ');
  const keys =
    (options.certificatePem ? keyDescriptor('signing', options.certificatePem) : '') +
    (options.encryptionCertificatePem ? keyDescriptor('encryption', options.encryptionCertificatePem) : '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(options.spEntityId)}">
  <md:SPSSODescriptor ${attributes}>
${keys}    <md:NameIDFormat>${EMAIL_NAMEID_FORMAT}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(options.acsUrl)}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
