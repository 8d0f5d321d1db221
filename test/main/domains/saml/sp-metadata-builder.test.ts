import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { validateSamlResponse } from '../../../../main/domains/saml/response-validator.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { makeKeyPair, startSimpleSamlIdp } from '../../../support/simplesamlphp.js';

const SCHEMA = '/usr/share/simplesamlphp/schemas/saml-schema-metadata-2.0.xsd';
let dir: string;
let cert: { keyPem: string; certPem: string };
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-spmd-'));
  cert = makeKeyPair(dir, 'site', '/CN=meet.example.com');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(xml: string): { ok: boolean; output: string } {
  const file = path.join(dir, `md-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stderr };
}

describe('buildSpMetadata', () => {
  it.each([
    { name: 'with the site certificate', withCert: true, want: undefined },
    { name: 'without a certificate', withCert: false, want: false },
    { name: 'entity ID and ACS with characters to escape', withCert: true, want: true, entity: 'https://meet.example.com/?a=1&b="2"' },
  ])('$name validates against the SAML metadata XSD (xmllint --schema)', ({ withCert, want, entity }) => {
    const xml = buildSpMetadata({
      spEntityId: entity ?? 'https://meet.example.com',
      acsUrl: 'https://meet.example.com/sso/acs?x=1&y=2',
      ...(withCert ? { certificatePem: cert.certPem, encryptionCertificatePem: cert.certPem } : {}),
      ...(want !== undefined ? { wantAssertionsSigned: want } : {}),
    });
    const lint = xmllint(xml);
    expect(lint.output).toMatch(/validates/);
    expect(lint.ok).toBe(true);
    expect(xml).toContain('<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>');
    expect(xml).toContain('Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(xml).toContain(`WantAssertionsSigned="${want === false ? 'false' : 'true'}"`);
    expect(xml.includes('<md:KeyDescriptor use="signing">')).toBe(withCert);
  });

  it('a broken document fails the same schema check (the check can fail)', () => {
    const xml = buildSpMetadata({ spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/acs' }).replace('<md:AssertionConsumerService', '<md:Bogus');
    expect(xmllint(xml).ok).toBe(false);
  });

  it('refuses a certificate text without a PEM block', () => {
    expect(() => buildSpMetadata({ spEntityId: 'https://a', acsUrl: 'https://a/acs', certificatePem: 'nope' })).toThrow(/BEGIN CERTIFICATE/);
  });

  it('SimpleSAMLphp accepts the exported metadata and signs a user in for it', async () => {
    const sp = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
    const idp = await startSimpleSamlIdp({ spMetadataXml: buildSpMetadata({ ...sp, certificatePem: cert.certPem, authnRequestsSigned: true }) });
    try {
      // A signed AuthnRequest (SigAlg/Signature): SimpleSAMLphp checks it against the KeyDescriptor in the metadata.
      const request = buildAuthnRequest({ ...sp, idpSsoUrl: idp.ssoUrl, now: new Date(), signingKeyPem: cert.keyPem, relayState: 'after' });
      const login = await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
      expect(login.postedTo).toBe(sp.acsUrl);
      expect(login.relayState).toBe('after');
      const report = validateSamlResponse({ samlResponse: login.samlResponse, binding: 'POST', sp, idp: { entityId: idp.entityId, certificatesPem: [idp.certificatePem] }, requestId: request.id, now: new Date() });
      expect(report.subject).toBe('alice@example.com');
      // A request signed with another key is refused by the IdP (no SAMLResponse comes back).
      const wrong = makeKeyPair(dir, 'wrong');
      const forged = buildAuthnRequest({ ...sp, idpSsoUrl: idp.ssoUrl, now: new Date(), signingKeyPem: wrong.keyPem });
      await expect(loginAtIdp({ ssoUrl: forged.redirectUrl, username: 'alice', password: 'alice-pass' })).rejects.toThrow();
    } finally {
      await idp.stop();
    }
  });
});
