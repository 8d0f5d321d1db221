/** "IdP certificate for the site" and the http(s)-only SSO URL, with certificates made by openssl. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteCertificateFile, siteCertificatesView, trustForSite } from '../../../../main/domains/saml/idp-site-certificate.js';
import { parseIdpMetadata } from '../../../../main/domains/saml/idp-metadata-parser.js';
import { isWebUrl, settingsFromMetadata } from '../../../../main/domains/saml/idp-store.js';
import type { IdpSettings } from '../../../../shared/saml/idp-settings.js';
import { makeKeyPair } from '../../../support/simplesamlphp.js';

const NOW = new Date();
let dir = '';
let primary = { keyPem: '', certPem: '' };
let secondary = { keyPem: '', certPem: '' };
const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

function metadata(certs: string[], ssoLocation = 'https://adfs.example.com/adfs/ls/'): string {
  const keys = certs.map((c) => `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`).join('');
  return `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="http://adfs.example.com/adfs/services/trust"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoLocation}"/></IDPSSODescriptor></EntityDescriptor>`;
}

function settingsOf(xml: string): IdpSettings {
  const parsed = parseIdpMetadata(xml, NOW);
  if (!parsed.ok) throw new Error(parsed.problem);
  return settingsFromMetadata(parsed.metadata, null, NOW);
}

const opensslFingerprint = (file: string) => execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', '-sha256']).toString().trim().split('=')[1];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-idp-cert-'));
  primary = makeKeyPair(dir, 'primary', '/CN=ADFS Signing - adfs.example.com');
  secondary = makeKeyPair(dir, 'secondary', '/CN=ADFS Signing - adfs.example.com (next)');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('IdP certificate for the site', () => {
  it('lists every signing certificate with fingerprint and validity; which signs now comes from the last sign-in', () => {
    const settings = settingsOf(metadata([primary.certPem, secondary.certPem]));
    const unknown = siteCertificatesView(settings, null, new Date(Date.now() + 60_000));
    expect(unknown.certificates.map((c) => [c.state, c.signsNow, c.savedForSite])).toEqual([['valid', null, false], ['valid', null, false]]);
    expect(unknown.signsNowSource).toMatch(/run a test sign-in/);
    const fingerprint = settings.signingCertificates[1]?.sha256Fingerprint as string;
    const seen = siteCertificatesView(settings, { sha256Fingerprint: fingerprint, at: '2026-11-30T10:00:00.000Z' }, NOW);
    expect(seen.certificates.map((c) => c.signsNow)).toEqual([false, true]);
    expect(seen.signsNowSource).toMatch(/2026-11-30T10:00:00/);
  });

  it('saves the chosen certificate as a Base64 .cer whose fingerprint openssl confirms, and records it', () => {
    const settings = settingsOf(metadata([primary.certPem, secondary.certPem]));
    const wanted = settings.signingCertificates[1]?.sha256Fingerprint as string;
    const file = siteCertificateFile(settings, wanted, NOW);
    if (!file.ok) throw new Error(file.problem);
    expect(file.fileName).toMatch(/^adfs\.example\.com-token-signing-[0-9a-f]{8}\.cer$/);
    expect(file.content).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    const saved = path.join(dir, file.fileName);
    writeFileSync(saved, file.content);
    expect(opensslFingerprint(saved)).toBe(wanted);
    expect(file.record).toMatchObject({ sha256Fingerprint: wanted, savedAt: NOW.toISOString(), fileName: file.fileName });
    // Once saved, the site trusts that one only; the others are known from the metadata (a rollover, 8).
    const withRecord = { ...settings, siteCertificate: file.record };
    const trust = trustForSite(withRecord);
    expect(trust.certificatesPem).toHaveLength(1);
    expect(trust.metadataCertificatesPem).toHaveLength(2);
    expect(siteCertificatesView(withRecord, null, NOW).certificates.map((c) => c.savedForSite)).toEqual([false, true]);
    // A re-import keeps the record: the site still holds that certificate.
    const parsed = parseIdpMetadata(metadata([primary.certPem, secondary.certPem]), NOW);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(settingsFromMetadata(parsed.metadata, withRecord, NOW).siteCertificate).toEqual(file.record);
  });

  it('refuses a fingerprint the metadata does not hold, naming it', () => {
    const settings = settingsOf(metadata([primary.certPem]));
    const file = siteCertificateFile(settings, 'AA:'.repeat(31) + 'AA', NOW);
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.problem).toMatch(/no signing certificate with the SHA-256 fingerprint AA:AA/);
  });
});

describe('the SSO URL from imported metadata', () => {
  it.each([
    ['https://adfs.example.com/adfs/ls/', true],
    ['http://127.0.0.1:8080/saml2/idp/SSOService.php', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['ms-settings:privacy', false],
    ['not a url', false],
  ])('%s → opened: %s', (url, web) => {
    expect(isWebUrl(url)).toBe(web);
    const settings = settingsOf(metadata([primary.certPem], url.replace(/&/g, '&amp;')));
    expect(settings.ssoUrl).toBe(web ? url : null);
    if (!web) expect(settings.warnings.some((w) => w.includes('is not an http(s) address'))).toBe(true);
  });
});
