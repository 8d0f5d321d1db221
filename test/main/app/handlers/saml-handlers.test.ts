import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import { idpFile } from '../../../../main/domains/saml/idp-store.js';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import type { Result } from '../../../../shared/result.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { startSimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();
function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('saml handlers', () => {
  it('decode errors and list the catalogue without a profile', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const decoded = value(await core.dispatch('errors.decode', { text: 'Untrusted Issuer. Contact your administrator for further support.' })) as { status: string; matches: Array<{ entry: { code: number; step: string } }> };
    expect(decoded.status).toBe('found');
    expect(decoded.matches[0]?.entry).toMatchObject({ code: 24, step: 'adfs' });
    const list = value(await core.dispatch('errors.list', {})) as { errors: unknown[]; topics: unknown[] };
    expect(list.errors).toHaveLength(32);
    expect(list.topics).toHaveLength(3);
    const tooLong = await core.dispatch('errors.decode', { text: 'x'.repeat(300_000) });
    expect(tooLong.ok).toBe(false);
  });

  it('imports the IdP, exports SP metadata, and validates a real response for the profile', async () => {
    const dataDir = tempDir();
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir });
    const profile = value(await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://meet.example.com' })) as { id: string; spEntityId: string; acsUrl: string };
    expect(value(await core.dispatch('idp.get', { profileId: profile.id }))).toBeNull();
    const noIdp = await core.dispatch('saml.decode', { profileId: profile.id, samlResponse: 'PHg+' });
    expect(!noIdp.ok && noIdp.error.code).toBe('not-found');

    const sp = value(await core.dispatch('saml.spMetadata', { profileId: profile.id })) as { xml: string; hasCertificate: boolean; note: string; fileName: string };
    expect(sp.hasCertificate).toBe(false);
    expect(sp.note).toMatch(/step 2/);
    expect(sp.fileName).toBe('meet.example.com-sp-metadata.xml');
    expect(sp.xml).toContain(`entityID="${profile.spEntityId}"`);

    const idp = await startSimpleSamlIdp({ spMetadataXml: sp.xml });
    try {
      const bad = await core.dispatch('idp.import', { profileId: profile.id, text: '<html/>' });
      expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid-input', field: 'text' });
      const neither = await core.dispatch('idp.import', { profileId: profile.id });
      expect(neither.ok).toBe(false);
      const plainHttp = await core.dispatch('idp.import', { profileId: profile.id, url: 'http://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml' });
      expect(!plainHttp.ok && plainHttp.error).toMatchObject({ code: 'invalid-input', field: 'url' });
      // Fetched only because a URL was given explicitly (plain HTTP is allowed on loopback, where the test IdP runs).
      const fetched = value(await core.dispatch('idp.import', { profileId: profile.id, url: `${idp.baseUrl}saml2/idp/metadata.php` })) as { entityId: string };
      expect(fetched.entityId).toBe(idp.entityId);
      const settings = value(await core.dispatch('idp.import', { profileId: profile.id, text: idp.metadataXml })) as { entityId: string; ssoUrl: string; signingCertificates: Array<{ pem: string }> };
      expect(settings.entityId).toBe(idp.entityId);
      expect(settings.ssoUrl).toBe(idp.ssoUrl);
      expect(JSON.parse(readFileSync(idpFile(dataDir, profile.id), 'utf8')).entityId).toBe(idp.entityId);

      const request = buildAuthnRequest({ spEntityId: profile.spEntityId, acsUrl: profile.acsUrl, idpSsoUrl: settings.ssoUrl, now: new Date() });
      const login = await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
      const report = value(await core.dispatch('saml.decode', { profileId: profile.id, samlResponse: login.samlResponse, requestId: request.id })) as { signsIn: boolean; subject: string };
      expect(report).toMatchObject({ signsIn: true, subject: 'alice@example.com' });
      const late = value(await core.dispatch('saml.decode', { profileId: profile.id, samlResponse: login.samlResponse, at: new Date(Date.now() + 7200_000).toISOString() })) as { signsIn: boolean; findings: Array<{ ssoCode: number }> };
      expect(late.signsIn).toBe(false);
      expect(late.findings.map((f) => f.ssoCode)).toContain(19);

      // A bare certificate keeps the entity ID and SSO URL already known.
      const certOnly = value(await core.dispatch('idp.import', { profileId: profile.id, text: idp.certificatePem })) as { source: string; entityId: string; ssoUrl: string };
      expect(certOnly).toMatchObject({ source: 'certificate', entityId: idp.entityId, ssoUrl: idp.ssoUrl });
      const updated = value(await core.dispatch('idp.update', { profileId: profile.id, entityId: 'http://adfs.example.com/adfs/services/trust' })) as { entityId: string };
      expect(updated.entityId).toBe('http://adfs.example.com/adfs/services/trust');
      const badUrl = await core.dispatch('idp.update', { profileId: profile.id, ssoUrl: 'ftp://x' });
      expect(badUrl.ok).toBe(false);
    } finally {
      await idp.stop();
    }
  });
});
