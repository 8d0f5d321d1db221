/**
 * Encrypted assertions made by xmlsec1 --encrypt (a real XML Encryption implementation) with each data
 * algorithm the site may meet, decrypted by the validator with the site key; the signature inside still verifies.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSamlResponse } from '../../../../main/domains/saml/response-validator.js';
import { responseXml, signElement } from '../../../support/saml-response-signer.js';
import { makeKeyPair } from '../../../support/simplesamlphp.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const SP = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
const IDP = 'http://adfs.example.com/adfs/services/trust';
let dir = '';
let idp = { keyPem: '', certPem: '' };
let site = { keyPem: '', certPem: '', certFile: '' };
let other = { keyPem: '' };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-enc-'));
  idp = makeKeyPair(dir, 'idp');
  site = makeKeyPair(dir, 'site', '/CN=meet.example.com');
  other = makeKeyPair(dir, 'other');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A signed response whose assertion xmlsec1 then encrypts to the site certificate. */
function encryptedResponse(dataAlgorithm: string, sessionKey: string, keyTransport: string): string {
  const signed = signElement(responseXml({ now: NOW }), 'Assertion', idp.keyPem, idp.certPem);
  const wrapped = signed.replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, (a) => `<saml:EncryptedAssertion>${a}</saml:EncryptedAssertion>`);
  writeFileSync(path.join(dir, 'doc.xml'), wrapped);
  writeFileSync(
    path.join(dir, 'template.xml'),
    `<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="${dataAlgorithm}"/><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="${keyTransport}"/><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>`,
  );
  return execFileSync('xmlsec1', ['--encrypt', '--pubkey-cert-pem', site.certFile, '--session-key', sessionKey, '--xml-data', path.join(dir, 'doc.xml'), '--node-xpath', "//*[local-name()='Assertion']", path.join(dir, 'template.xml')], { encoding: 'utf8' });
}

const validate = (xml: string, spPrivateKeyPem?: string) =>
  validateSamlResponse({ samlResponse: Buffer.from(xml).toString('base64'), binding: 'POST', sp: SP, idp: { entityId: IDP, certificatesPem: [idp.certPem] }, now: NOW, ...(spPrivateKeyPem ? { spPrivateKeyPem } : {}) });

describe('encrypted assertions (xmlsec1 --encrypt)', () => {
  it.each([
    ['http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'aes-128'],
    ['http://www.w3.org/2001/04/xmlenc#aes256-cbc', 'aes-256'],
    ['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'aes-128'],
    ['http://www.w3.org/2009/xmlenc11#aes256-gcm', 'aes-256'],
  ])('%s with RSA-OAEP: decrypted, signature verified, signs in', (algorithm, sessionKey) => {
    const xml = encryptedResponse(algorithm, sessionKey, 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p');
    expect(xml).toContain(algorithm);
    expect(xml).not.toContain('alice@example.com');
    const report = validate(xml, site.keyPem);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.subject).toBe('alice@example.com');
    expect(report.decoded).toMatchObject({ encrypted: true, assertionSigned: true });
  });

  it('without the key, or with another key, it is reported, never accepted', () => {
    const xml = encryptedResponse('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'aes-128', 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p');
    expect(validate(xml).findings[0]).toMatchObject({ check: 'encrypted-assertion', actual: expect.stringMatching(/no site private key/) });
    const wrong = validate(xml, other.keyPem);
    expect(wrong.signsIn).toBe(false);
    expect(wrong.findings[0]?.check).toBe('encrypted-assertion');
  });

  it('tampered ciphertext (GCM) is refused', () => {
    const xml = encryptedResponse('http://www.w3.org/2009/xmlenc11#aes128-gcm', 'aes-128', 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p');
    const values = [...xml.matchAll(/<xenc:CipherValue>([^<]+)<\/xenc:CipherValue>/g)];
    const data = values[values.length - 1]?.[1] as string;
    const bytes = Buffer.from(data, 'base64');
    bytes[20] = (bytes[20] as number) ^ 0xff;
    const report = validate(xml.replace(data, bytes.toString('base64')), site.keyPem);
    expect(report.signsIn).toBe(false);
    expect(report.findings[0]?.check).toBe('encrypted-assertion');
  });
});
