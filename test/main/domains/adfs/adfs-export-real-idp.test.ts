/**
 * The exported SP metadata against a real IdP (SimpleSAMLphp on loopback, docs/real-idp.md): loaded as the
 * service provider straight from the exported file, it signs a user in for two different site profiles, and
 * the step-4 response check passes — or, when the IdP withholds an attribute or sends a transient NameID,
 * names the site error code and the claim rule that fixes it. The metadata says AuthnRequestsSigned="true",
 * so SimpleSAMLphp verifies the site's signed AuthnRequests with the exported certificate and refuses an
 * unsigned one.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { loadSitePrivateKey } from '../../../../main/domains/certs/site-credentials.js';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { parseIdpMetadata } from '../../../../main/domains/saml/idp-metadata-parser.js';
import { validateSamlResponse } from '../../../../main/domains/saml/response-validator.js';
import type { Profile } from '../../../../shared/api/profile-schemas.js';
import { b64, createCertFixture, type CertFixture } from '../certs/cert-fixture.js';
import { createTestCa, type TestCa } from '../certs/test-ca.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { testOutside } from '../../../support/test-outside.js';
import { startSimpleSamlIdp, type HostedOverrides } from '../../../support/simplesamlphp.js';

const PASSPHRASE = 'correct horse battery';

interface ExportedSite {
  fixture: CertFixture;
  profile: Profile;
  metadataXml: string;
  /** The site's private key, which signs its AuthnRequests. */
  keyPem: string;
}

let ca: TestCa;
let outDir: string;
const sites: ExportedSite[] = [];

async function exportedSite(siteUrl: string, identity: { spEntityId?: string; acsUrl?: string }): Promise<ExportedSite> {
  const fixture = await createCertFixture({ siteUrl, now: () => new Date() });
  const profile = identity.spEntityId || identity.acsUrl ? await fixture.must('profile.update', { id: fixture.profileId, ...identity }) : (await fixture.must('profile.list', {})).profiles[0];
  if (!profile) throw new Error('no profile');
  const csr = await fixture.must('csr.generate', { profileId: fixture.profileId, keyType: 'rsa-2048', custody: 'file', passphrase: PASSPHRASE });
  const leaf = await ca.sign(csr.csrPem);
  await fixture.must('cert.import', {
    profileId: fixture.profileId,
    files: [{ name: 'site.pem', base64: b64(`${leaf}\n${ca.intermediatePem}`) }],
    extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    keyPassphrase: PASSPHRASE,
  });
  const written = await fixture.must('adfs.export', { profileId: fixture.profileId, outDir: path.join(outDir, profile.id) });
  const metadataFile = written.files.find((file) => file.endsWith('-sp-metadata.xml'));
  if (!metadataFile) throw new Error('no metadata file exported');
  // The key is kept in a passphrase-encrypted file (custody 'file'), so the keychain is never asked.
  const key = await loadSitePrivateKey(fixture.dataDir, fixture.profileId, { passphrase: PASSPHRASE, keychain: testOutside().keychain });
  if (!key.ok) throw new Error(key.error.message);
  return { fixture, profile, metadataXml: await fs.readFile(metadataFile, 'utf8'), keyPem: key.value };
}

async function signIn(site: ExportedSite, options: { hosted?: HostedOverrides; idpInitiated?: boolean; unsigned?: boolean } = {}) {
  const idp = await startSimpleSamlIdp({ spMetadataXml: site.metadataXml, hosted: options.hosted ?? {} });
  try {
    const { spEntityId, acsUrl } = site.profile;
    const request = buildAuthnRequest({ spEntityId, acsUrl, idpSsoUrl: idp.ssoUrl, now: new Date(), ...(options.unsigned ? {} : { signingKeyPem: site.keyPem }) });
    const result = options.idpInitiated
      ? await loginAtIdp({ ssoUrl: idp.ssoUrl, spEntityId, username: 'alice', password: 'alice-pass' })
      : await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
    const metadata = parseIdpMetadata(idp.metadataXml);
    if (!metadata.ok) throw new Error(metadata.problem);
    return { result, requestId: options.idpInitiated ? undefined : request.id, idp: metadata.metadata };
  } finally {
    await idp.stop();
  }
}

beforeAll(async () => {
  ca = await createTestCa();
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-adfs-idp-'));
  sites.push(await exportedSite('https://meet.example.com', {}));
  sites.push(await exportedSite('https://conf.contoso.org', { spEntityId: 'https://conf.contoso.org/sp', acsUrl: 'https://conf.contoso.org/saml/acs?region=eu' }));
}, 60_000);

afterAll(async () => {
  for (const site of sites) await site.fixture.cleanup();
  await ca.cleanup();
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('the exported SP metadata, loaded by SimpleSAMLphp as the SP', () => {
  it.each([0, 1])('signs a user in (site profile %i), SP-initiated and IdP-initiated', async (index) => {
    const site = sites[index] as ExportedSite;
    for (const idpInitiated of [false, true]) {
      const { result, requestId, idp } = await signIn(site, { idpInitiated });
      // The IdP posts to the ACS URL it read from the exported metadata.
      expect(result.postedTo).toBe(site.profile.acsUrl);
      const report = validateSamlResponse({
        samlResponse: result.samlResponse,
        binding: 'POST',
        sp: { siteUrl: site.profile.siteUrl, spEntityId: site.profile.spEntityId, acsUrl: site.profile.acsUrl },
        idp: { entityId: idp.entityId ?? '', certificatesPem: idp.signingCertificates.map((c) => c.pem) },
        ...(requestId ? { requestId } : {}),
        now: new Date(),
      });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report).toMatchObject({ signsIn: true, subject: 'alice@example.com' });

      const check = await site.fixture.must('attributes.checkResponse', { profileId: site.profile.id, samlResponse: result.samlResponse });
      expect(check).toMatchObject({ passes: true, nameId: 'alice@example.com', findings: [] });
    }
  }, 30_000);

  it('AuthnRequestsSigned="true": the IdP refuses an unsigned AuthnRequest from the site', async () => {
    const site = sites[0] as ExportedSite;
    expect(site.metadataXml).toContain('AuthnRequestsSigned="true"');
    await expect(signIn(site, { unsigned: true })).rejects.toThrow(/No login form/);
  }, 30_000);

  it('a withheld attribute: code 31 and the claim rule that sends it', async () => {
    const site = sites[0] as ExportedSite;
    const { result } = await signIn(site, { hosted: { attributeLimit: ['uid', 'SAML_SUBJECT', 'firstname', 'email'] } });
    const check = await site.fixture.must('attributes.checkResponse', { profileId: site.profile.id, samlResponse: result.samlResponse });
    expect(check.passes).toBe(false);
    const lastname = check.findings.find((f) => f.field.includes('"lastname"'));
    expect(lastname).toMatchObject({ check: 'attribute-required', ssoCode: 31 });
    expect(lastname?.fixRule).toContain('types = ("lastname"), query = ";sn;{0}"');

    // The same check from the command line: exit 1, the code and the rule.
    const responseFile = path.join(outDir, 'withheld-response.b64');
    await fs.writeFile(responseFile, result.samlResponse);
    const lines: string[] = [];
    const code = await runCli(['attributes', '--response', responseFile, '--profile', site.profile.id, '--data-dir', site.fixture.dataDir], { out: (t) => lines.push(t), err: (t) => lines.push(t), env: {} });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('ERROR (site error 31)');
    expect(lines.join('\n')).toContain('query = ";sn;{0}"');
  }, 30_000);

  it('a transient NameID: code 25 and the NameID claim rule', async () => {
    const site = sites[1] as ExportedSite;
    const { result } = await signIn(site, { hosted: { nameIdAttribute: null } });
    const check = await site.fixture.must('attributes.checkResponse', { profileId: site.profile.id, samlResponse: result.samlResponse });
    expect(check.passes).toBe(false);
    const format = check.findings.find((f) => f.check === 'nameid-format');
    expect(format?.ssoCode).toBe(25);
    expect(format?.fixRule).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
  }, 30_000);
});
