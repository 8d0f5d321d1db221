import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_POST_BINDING, HTTP_REDIRECT_BINDING, parseIdpFile, parseIdpMetadata } from '../../../../main/domains/saml/idp-metadata-parser.js';
import { makeKeyPair, startSimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';

let dir: string;
let primary: { certPem: string; certFile: string };
let secondary: { certPem: string; certFile: string };
const body = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-idpmd-'));
  primary = makeKeyPair(dir, 'primary', '/CN=ADFS Signing - adfs.example.com');
  secondary = makeKeyPair(dir, 'secondary', '/CN=ADFS Signing - adfs.example.com (new)', 1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shape of AD FS FederationMetadata.xml: WS-Fed role descriptors with ClaimTypesOffered, then the SAML IdP descriptor. */
function adfsMetadata(): string {
  const key = (pem: string, use: string) => `<KeyDescriptor use="${use}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${body(pem)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor ID="_x" entityID="http://adfs.example.com/adfs/services/trust" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">
    ${key(primary.certPem, 'signing')}
    <fed:ClaimTypesOffered>
      <auth:ClaimType Uri="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" Optional="true" xmlns:auth="http://docs.oasis-open.org/wsfed/authorization/200706"><auth:DisplayName>E-Mail Address</auth:DisplayName></auth:ClaimType>
      <auth:ClaimType Uri="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname" Optional="true" xmlns:auth="http://docs.oasis-open.org/wsfed/authorization/200706"><auth:DisplayName>Given Name</auth:DisplayName></auth:ClaimType>
    </fed:ClaimTypesOffered>
  </RoleDescriptor>
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    ${key(primary.certPem, 'encryption')}
    ${key(primary.certPem, 'signing')}
    ${key(secondary.certPem, 'signing')}
    <SingleLogoutService Binding="${HTTP_REDIRECT_BINDING}" Location="https://adfs.example.com/adfs/ls/"/>
    <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>
    <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>
    <SingleSignOnService Binding="${HTTP_REDIRECT_BINDING}" Location="https://adfs.example.com/adfs/ls/"/>
    <SingleSignOnService Binding="${HTTP_POST_BINDING}" Location="https://adfs.example.com/adfs/ls/"/>
  </IDPSSODescriptor>
</EntityDescriptor>`;
}

describe('parseIdpMetadata', () => {
  it('reads AD FS federation metadata: entity ID, endpoints, both signing certificates with expiry, formats, offered claims', () => {
    const result = parseIdpMetadata(adfsMetadata(), new Date(Date.now() + 3 * 86400_000));
    if (!result.ok) throw new Error(result.problem);
    const md = result.metadata;
    expect(md.entityId).toBe('http://adfs.example.com/adfs/services/trust');
    expect(md.singleSignOnServices).toEqual([
      { binding: HTTP_REDIRECT_BINDING, location: 'https://adfs.example.com/adfs/ls/' },
      { binding: HTTP_POST_BINDING, location: 'https://adfs.example.com/adfs/ls/' },
    ]);
    expect(md.signingCertificates.map((c) => c.subject)).toEqual(['CN=ADFS Signing - adfs.example.com', 'CN=ADFS Signing - adfs.example.com (new)']);
    expect(md.signingCertificates[0]?.pem).toBe(primary.certPem);
    expect(Date.parse(md.signingCertificates[1]?.notAfter ?? '')).toBeLessThan(Date.now() + 2 * 86400_000);
    expect(md.encryptionCertificates).toHaveLength(1);
    expect(md.nameIdFormats).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(md.offeredClaims).toEqual([
      { uri: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', displayName: 'E-Mail Address' },
      { uri: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', displayName: 'Given Name' },
    ]);
    expect(md.warnings.join(' ')).toMatch(/expired/);
  });

  it('reads real SimpleSAMLphp metadata', async () => {
    const idp = await startSimpleSamlIdp({ spMetadataXml: buildSpMetadata({ spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/acs' }) });
    try {
      const result = parseIdpMetadata(idp.metadataXml);
      if (!result.ok) throw new Error(result.problem);
      expect(result.metadata.entityId).toBe(idp.entityId);
      expect(result.metadata.singleSignOnServices.some((s) => s.location === idp.ssoUrl && s.binding === HTTP_REDIRECT_BINDING)).toBe(true);
      expect(result.metadata.signingCertificates[0]?.pem).toBe(idp.certificatePem);
    } finally {
      await idp.stop();
    }
  });

  it('accepts a bare certificate as PEM, as Base64 (AD FS export) and as DER bytes', () => {
    const der = path.join(dir, 'primary.der');
    execFileSync('openssl', ['x509', '-in', primary.certFile, '-outform', 'DER', '-out', der]);
    for (const result of [parseIdpMetadata(primary.certPem), parseIdpMetadata(body(primary.certPem)), parseIdpFile(readFileSync(der)), parseIdpFile(Buffer.from(primary.certPem))]) {
      if (!result.ok) throw new Error(result.problem);
      expect(result.metadata.source).toBe('certificate');
      expect(result.metadata.signingCertificates[0]?.pem).toBe(primary.certPem);
    }
  });

  it.each([
    { name: 'empty', input: '', problem: /empty/ },
    { name: 'garbage', input: 'hello world!', problem: /neither PEM nor Base64/ },
    { name: 'Base64 that is no certificate', input: 'aGVsbG8=', problem: /could not be read/ },
    { name: 'truncated XML', input: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><IDPSSODescriptor>', problem: /not well-formed/ },
    { name: 'SP metadata', input: buildSpMetadata({ spEntityId: 'https://a.example', acsUrl: 'https://a.example/acs' }), problem: /service provider/ },
    { name: 'another XML root', input: '<html><body/></html>', problem: /root element is html/ },
    { name: 'entity bomb', input: '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', problem: /document type declaration/ },
    { name: 'oversized', input: `<x>${'a'.repeat(5 * 1024 * 1024)}</x>`, problem: /more than/ },
  ])('refuses $name with a message that says why', ({ input, problem }) => {
    const result = parseIdpMetadata(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});
