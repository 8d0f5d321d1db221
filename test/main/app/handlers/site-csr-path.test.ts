/**
 * The vendor's own DR path through the core: the CSR is made on the site (here: openssl req -newkey, whose key
 * the wizard never sees), recorded as the expected key, signed by a real openssl CA, imported, exported, and the
 * site-side steps ticked. Status is computed from the latest results only.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertFixture, b64, type CertFixture } from '../../domains/certs/cert-fixture.js';
import { openssl } from '../../domains/certs/openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';

const colonHex = (hex: string) => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
/** SHA-256 of the DER SubjectPublicKeyInfo, computed by openssl itself. */
const spkiSha256 = (pem: string, kind: 'req' | 'x509') => {
  const pub = openssl([kind, '-noout', '-pubkey'], pem);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: pub });
  return execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der, encoding: 'utf8' }).split(' ')[0] ?? '';
};

describe('the site makes the CSR; the wizard never sees its key', () => {
  let fixture: CertFixture;
  let ca: TestCa;
  let siteCsr: { keyFile: string; csrPem: string };
  let signed: string;
  beforeAll(async () => {
    fixture = await createCertFixture();
    ca = await createTestCa();
    siteCsr = opensslCsr(ca.dir, 'site', '/O=Example/CN=meet.example.com', ['-newkey', 'rsa:2048']);
    signed = await ca.sign(siteCsr.csrPem);
  });
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
  });

  it('records the CSR from the site as the expected key, with its time and source, and checks it', async () => {
    const recorded = await fixture.must('csr.record', { profileId: fixture.profileId, file: { name: 'meet.example.com.csr', base64: b64(siteCsr.csrPem) } });
    expect(recorded).toMatchObject({ source: 'site', fileName: 'meet.example.com.csr', keyReference: null, keyType: 'RSA 2048 bits' });
    expect(recorded.details.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(recorded.publicKeyHash).toBe(spkiSha256(siteCsr.csrPem, 'req'));
    const status = await fixture.must('profile.status', { id: fixture.profileId });
    expect(status.steps[0]).toMatchObject({ state: 'done', headline: expect.stringMatching(/^Expected key: the CSR downloaded from the site, recorded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/) });
    expect(status.checklist.items.find((item) => item.step === 'site-csr')?.doneAt).toBe(recorded.createdAt);
  });

  it('imports the certificate the openssl CA issued for it: no error, "matches the CSR downloaded from the site"', async () => {
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'signed.pem', base64: b64(signed + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report).toMatchObject({ saved: true, keyMatched: true, keyHolder: 'site', matchedCsr: { source: 'site', latest: true } });
    expect(report.findings.find((f) => f.id === 'key-match')?.what).toMatch(/^The certificate matches the CSR downloaded from the site, recorded .* UTC: import it on the site with Import SSL Certificate/);
    const listing = await fixture.must('profile.list', {});
    expect(listing.profiles[0]?.progress.completed).toEqual(expect.arrayContaining(['csr', 'import']));
  });

  it('exports follow the key: chain PEM and AD FS .cer yes, PFX no, saying why', async () => {
    const chain = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'chain-leaf-first' });
    expect(Buffer.from(chain.base64, 'base64').toString()).toContain(signed.trim());
    const cer = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'adfs-cer' });
    expect(Buffer.from(cer.base64, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----\r\n/);
    const pfx = await fixture.call('cert.export', { profileId: fixture.profileId, format: 'pfx', passphrase: 'export-pass-1' });
    expect(pfx.ok).toBe(false);
    if (!pfx.ok) expect(pfx.error.message).toMatch(/private key of this certificate is on the site/);
  });

  it('a certificate for another key: a key-match error naming both public-key fingerprints, and the good one stays', async () => {
    const other = opensslCsr(ca.dir, 'other', '/CN=meet.example.com', ['-newkey', 'rsa:2048']);
    const otherCert = await ca.sign(other.csrPem);
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'other.pem', base64: b64(otherCert + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    const keyMatch = report.findings.find((f) => f.id === 'key-match');
    expect(keyMatch?.severity).toBe('error');
    expect(keyMatch?.what).toContain(colonHex(spkiSha256(otherCert, 'x509')));
    expect(keyMatch?.what).toContain(colonHex(spkiSha256(siteCsr.csrPem, 'req')));
    expect(report.saved).toBe(false);
    expect(report.findings.find((f) => f.id === 'not-saved')?.severity).toBe('warning');
    const status = await fixture.must('certs.status', { profileId: fixture.profileId });
    expect(status.imported?.leaf.sha256Fingerprint).toBe(openssl(['x509', '-noout', '-fingerprint', '-sha256'], signed).trim().replace(/^.*=/, ''));
    // Confirmed, it replaces the good one, and step 2 no longer counts as done.
    const replaced = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'other.pem', base64: b64(otherCert + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
      replace: true,
    });
    expect(replaced.saved).toBe(true);
    const after = await fixture.must('profile.status', { id: fixture.profileId });
    expect(after.steps[1]?.state).toBe('attention');
    expect((await fixture.must('profile.list', {})).profiles[0]?.progress.completed).not.toContain('import');
  });

  it('a newer CSR from the site makes the earlier certificate one for an older key; both CSRs stay listed', async () => {
    await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'signed.pem', base64: b64(signed + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
      replace: true,
    });
    const newer = opensslCsr(ca.dir, 'newer', '/CN=meet.example.com', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    await fixture.must('csr.record', { profileId: fixture.profileId, file: { name: 'newer.csr', base64: b64(newer.csrPem) } });
    const certs = await fixture.must('certs.status', { profileId: fixture.profileId });
    expect(certs.csrs.map((csr) => csr.fileName)).toEqual(['meet.example.com.csr', 'newer.csr']);
    const status = await fixture.must('profile.status', { id: fixture.profileId });
    expect(status.steps[1]).toMatchObject({ state: 'attention', headline: expect.stringMatching(/not for the expected key/) });
    const again = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'signed.pem', base64: b64(signed + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    expect(again.findings.find((f) => f.id === 'key-match')).toMatchObject({ severity: 'error', what: expect.stringMatching(/belongs to an older CSR, the CSR downloaded from the site, recorded .*the site will refuse it/) });
  });
});

describe('honest status: from the latest results, and "repaired" only with the site-side checklist complete', () => {
  let fixture: CertFixture;
  beforeAll(async () => {
    fixture = await createCertFixture();
  });
  afterAll(() => fixture.cleanup());

  it('step 4 passes, then fails: it needs attention again; ticks keep their time; unticking reopens', async () => {
    const good = await fixture.must('attributes.analyzeRules', { profileId: fixture.profileId, source: 'generated' });
    expect(good.allPresent).toBe(true);
    expect((await fixture.must('profile.list', {})).profiles[0]?.progress.completed).toContain('attributes');
    const bad = await fixture.call('attributes.analyzeRules', {
      profileId: fixture.profileId,
      source: 'pasted',
      rulesText: '@RuleName = "names"\nc:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"] => issue(store = "Active Directory", types = ("firstname"), query = ";givenName;{0}", param = c.Value);',
    });
    expect(bad.ok).toBe(true);
    const status = await fixture.must('profile.status', { id: fixture.profileId });
    expect(status.steps[3]).toMatchObject({ state: 'attention', headline: 'Attribute checks: the latest check failed' });
    expect(status.repaired).toBe(false);

    const ticked = await fixture.must('site-steps.set', { profileId: fixture.profileId, step: 'sso-off', done: true });
    const at = ticked.items.find((item) => item.step === 'sso-off')?.doneAt;
    expect(at).toMatch(/^\d{4}-/);
    const again = await fixture.must('site-steps.set', { profileId: fixture.profileId, step: 'sso-off', done: true });
    expect(again.items.find((item) => item.step === 'sso-off')?.doneAt).toBe(at);
    const undone = await fixture.must('site-steps.set', { profileId: fixture.profileId, step: 'sso-off', done: false });
    expect(undone.items.find((item) => item.step === 'sso-off')?.doneAt).toBeNull();
    expect(undone.complete).toBe(false);
    const listed = await fixture.must('site-steps.list', { profileId: fixture.profileId });
    expect(listed.items.map((item) => item.step)).toEqual(['sso-off', 'site-csr', 'import-ssl', 'upload-idp-cert', 'sso-on']);
  });
});
