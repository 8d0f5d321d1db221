/**
 * Issue 16 for the health check: the IdP metadata it fetches again is untrusted input, read through the parser
 * runner with a time limit. A hostile document is stopped and becomes an error finding naming the URL; a
 * readable one gives the same answer as the watch run in the calling thread.
 */
import { describe, expect, it } from 'vitest';
import type { IdpSettings } from '../../../../shared/saml/idp-settings.js';
import { watchOffThread } from '../../../../main/app/health/idp-signing-watch-limited.js';
import { watchIdpSigning, type WatchInput } from '../../../../main/app/health/idp-signing-watch.js';
import { runInline, runInWorker } from '../../../../main/platform/worker-runner.js';
import { deeplyNestedMetadata } from '../../domains/saml/hostile-xml.js';

const stored: IdpSettings = {
  source: 'metadata', entityId: 'https://idp.example.test/adfs/services/trust', ssoUrl: 'https://idp.example.test/adfs/ls/',
  singleSignOnServices: [], singleLogoutServices: [], signingCertificates: [], nameIdFormats: [], offeredClaims: [], warnings: [],
  importedAt: '2026-11-01T00:00:00.000Z', metadataUrl: 'http://127.0.0.1:9/FederationMetadata/2007-06/FederationMetadata.xml',
};
const now = new Date('2026-12-01T00:00:00Z');

describe('the IdP signing watch off the calling thread', () => {
  it('stops a hostile metadata document at the limit and reports it as an error naming the URL', async () => {
    const input: WatchInput = { stored, source: { kind: 'url', url: stored.metadataUrl as string, fetched: { ok: true, text: deeplyNestedMetadata() } }, siteTrusts: null, seen: {}, now };
    const watch = await watchOffThread(runInWorker, input, 500);
    expect(watch.published).toEqual([]);
    expect(watch.findings).toHaveLength(1);
    expect(watch.findings[0]).toMatchObject({ severity: 'error', check: 'idp-signing', fixTarget: 'idp-certificate' });
    expect(watch.findings[0]?.fact).toMatch(/^The IdP metadata from http:\/\/127\.0\.0\.1:9\/FederationMetadata\/2007-06\/FederationMetadata\.xml took longer than 0\.5 s to read and was stopped/);
  });

  it('answers as the watch in the calling thread does, on both runners', async () => {
    const input: WatchInput = { stored, source: { kind: 'url', url: stored.metadataUrl as string, fetched: { ok: true, text: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>' } }, siteTrusts: null, seen: {}, now };
    const direct = watchIdpSigning(input);
    expect(direct.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(await watchOffThread(runInWorker, input)).toEqual(direct);
    expect(await watchOffThread(runInline, input)).toEqual(direct);
  });
});
