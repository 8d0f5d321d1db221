import { createVerify, generateKeyPairSync } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RSA_SHA256, buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { parseXmlSafely } from '../../../../main/domains/saml/xml-parser.js';

const base = { spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs', idpSsoUrl: 'https://adfs.example.com/adfs/ls/', now: new Date('2026-03-01T10:00:00.123Z') };

function query(url: string): Map<string, string> {
  const params = new URL(url).searchParams;
  return new Map([...params]);
}

describe('buildAuthnRequest', () => {
  it('encodes for HTTP-Redirect: deflate-raw, Base64, URL-encoded; the XML carries the ID and ACS', () => {
    const request = buildAuthnRequest({ ...base, id: '_abc123' });
    expect(request.id).toBe('_abc123');
    const params = query(request.redirectUrl);
    const xml = inflateRawSync(Buffer.from(params.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    expect(xml).toBe(request.xml);
    const parsed = parseXmlSafely(xml);
    expect(parsed.ok && parsed.root.getAttribute('ID')).toBe('_abc123');
    expect(xml).toContain('IssueInstant="2026-03-01T10:00:00Z"');
    expect(xml).toContain('AssertionConsumerServiceURL="https://meet.example.com/sso/acs"');
    expect(params.has('Signature')).toBe(false);
  });

  it('makes a fresh xs:ID each time', () => {
    const a = buildAuthnRequest(base).id;
    const b = buildAuthnRequest(base).id;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^_[0-9a-f]{40}$/);
    expect(() => buildAuthnRequest({ ...base, id: '1bad' })).toThrow(/xs:ID/);
  });

  it('signs SAMLRequest&RelayState&SigAlg with RSA-SHA256 (verifies with the public key, fails with another)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const request = buildAuthnRequest({ ...base, idpSsoUrl: 'https://adfs.example.com/adfs/ls/?x=1', relayState: 'back to /', signingKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(request.redirectUrl.startsWith('https://adfs.example.com/adfs/ls/?x=1&SAMLRequest=')).toBe(true);
    const raw = request.redirectUrl.split('?')[1] as string;
    const signed = raw.slice(raw.indexOf('SAMLRequest=')).split('&Signature=')[0] as string;
    const params = query(request.redirectUrl);
    expect(params.get('SigAlg')).toBe(RSA_SHA256);
    expect(params.get('RelayState')).toBe('back to /');
    const signature = Buffer.from(params.get('Signature') ?? '', 'base64');
    expect(createVerify('RSA-SHA256').update(signed).verify(publicKey, signature)).toBe(true);
    expect(createVerify('RSA-SHA256').update(signed).verify(other, signature)).toBe(false);
  });
});
