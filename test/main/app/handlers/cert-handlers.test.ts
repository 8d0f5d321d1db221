import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteCertificate, loadSitePrivateKey } from '../../../../main/domains/certs/site-credentials.js';
import { createCertFixture, b64, type CertFixture } from '../../domains/certs/cert-fixture.js';
import { openssl, opensslResult } from '../../domains/certs/openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';
import { keytarKeychain } from '../../../../main/domains/certs/key-custody.js';

const PASSPHRASE = 'correct horse battery';

describe('CSR → openssl CA → import → export, through the core (key in an encrypted file)', () => {
  let fixture: CertFixture;
  let ca: TestCa;
  beforeAll(async () => {
    fixture = await createCertFixture();
    ca = await createTestCa();
  });
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
  });

  it('generates a CSR that openssl verifies, with the site host as CN and first SAN', async () => {
    const result = await fixture.must('csr.generate', {
      profileId: fixture.profileId,
      keyType: 'ecdsa-p256',
      subject: { organization: 'Example Ltd', country: 'de' },
      extraSans: ['join.example.com'],
      custody: 'file',
      passphrase: PASSPHRASE,
    });
    expect(result.fileName).toBe('meet.example.com.csr');
    expect(result.details.commonName).toBe('meet.example.com');
    expect(result.details.sans).toEqual(['meet.example.com', 'join.example.com']);
    expect(result.keyReference.kind).toBe('file');
    expect(result.encryptedKey?.pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const verified = opensslResult(['req', '-verify', '-noout', '-subject'], result.csrPem);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('subject=C = DE, O = Example Ltd, CN = meet.example.com');
    // The encrypted key opens with the passphrase and belongs to the CSR.
    const keyPub = openssl(['pkey', '-pubout', '-passin', `pass:${PASSPHRASE}`], result.encryptedKey?.pem ?? '');
    expect(keyPub).toBe(openssl(['req', '-noout', '-pubkey'], result.csrPem));
    const listing = await fixture.must('profile.list', {});
    expect(listing.profiles[0]?.progress.completed).toContain('csr');
  });

  it('imports the certificate the openssl CA signed, with intermediates and a user root, and says "match"', async () => {
    const status = await fixture.must('certs.status', { profileId: fixture.profileId });
    const csr = status.csrs[0];
    expect(csr).toBeDefined();
    const leafPem = await ca.sign(csr?.csrPem ?? '');
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'meet.example.com.pem', base64: b64(leafPem + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    const byId = Object.fromEntries(report.findings.map((finding) => [finding.id, finding]));
    expect(report.keyMatched).toBe(true);
    expect(byId['key-match']?.severity).toBe('ok');
    expect(byId['chain']?.severity).toBe('ok');
    expect(byId['host']?.severity).toBe('ok');
    expect(byId['eku']?.severity).toBe('ok');
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(report.chain.map((cert) => cert.subject)).toEqual(['CN=meet.example.com, O=Example Ltd, C=DE'.split(', ').reverse().join(', '), 'CN=Wizard Test Intermediate CA']);
    const listing = await fixture.must('profile.list', {});
    expect(listing.profiles[0]?.progress.completed).toContain('import');
  });

  it('exports a PFX that openssl pkcs12 -info reads, with key and full chain', async () => {
    const wrong = await fixture.call('cert.export', { profileId: fixture.profileId, format: 'pfx', passphrase: 'export-pass-1' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.field).toBe('keyPassphrase');
    const pfx = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'pfx', passphrase: 'export-pass-1', keyPassphrase: PASSPHRASE });
    expect(pfx.fileName).toBe('meet.example.com.pfx');
    const dir = await fs.mkdtemp(path.join(fixture.dataDir, 'out-'));
    const file = path.join(dir, pfx.fileName);
    await fs.writeFile(file, Buffer.from(pfx.base64, 'base64'));
    const info = opensslResult(['pkcs12', '-info', '-in', file, '-passin', 'pass:export-pass-1', '-passout', 'pass:reencrypt-1']);
    expect(info.status).toBe(0);
    expect(info.stderr + info.stdout).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    expect(info.stderr + info.stdout).toMatch(/MAC: sha256/);
    expect((info.stdout.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length).toBe(3);
    const noKeys = opensslResult(['pkcs12', '-in', file, '-passin', 'pass:wrong-pass', '-nokeys']);
    expect(noKeys.status).not.toBe(0);
    // And the wizard reads its own PFX back.
    const reimport = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: pfx.fileName, base64: pfx.base64 }],
      password: 'export-pass-1',
      extraRoots: [],
    });
    expect(reimport.format).toBe('pkcs12');
    expect(reimport.keyMatched).toBe(true);
  });

  it('exports the chain leaf-first and leaf-last, and the AD FS Base64 .cer', async () => {
    const first = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'chain-leaf-first' });
    const last = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'chain-leaf-last' });
    const subjects = (base64: string) =>
      [...Buffer.from(base64, 'base64').toString().matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) =>
        openssl(['x509', '-noout', '-subject'], m[0]).trim(),
      );
    expect(subjects(first.base64)).toEqual(['subject=C = DE, O = Example Ltd, CN = meet.example.com', 'subject=CN = Wizard Test Intermediate CA']);
    expect(subjects(last.base64)).toEqual(['subject=CN = Wizard Test Intermediate CA', 'subject=C = DE, O = Example Ltd, CN = meet.example.com']);
    const cer = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'adfs-cer' });
    expect(cer.fileName).toBe('meet.example.com-adfs.cer');
    const text = Buffer.from(cer.base64, 'base64').toString();
    expect(text.startsWith('-----BEGIN CERTIFICATE-----\r\n')).toBe(true);
    expect(openssl(['x509', '-noout', '-subject'], text)).toContain('CN = meet.example.com');
  });

  it('a certificate for another key does not replace the saved one that matches', async () => {
    const other = await ca.sign(openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=meet.example.com']));
    const before = await loadSiteCertificate(fixture.dataDir, fixture.profileId);
    const report = await fixture.must('cert.import', { profileId: fixture.profileId, files: [{ name: 'other.pem', base64: b64(other) }], extraRoots: [] });
    expect(report.saved).toBe(false);
    expect(report.findings.find((f) => f.id === 'key-match')?.severity).toBe('error');
    expect(report.findings.find((f) => f.id === 'not-saved')?.what).toMatch(/^Not saved: this certificate has \d+ errors?, while the one imported on .* has none and stays current\.$/);
    expect(await loadSiteCertificate(fixture.dataDir, fixture.profileId)).toEqual(before);
  });

  it('gives other engineers the certificate and key through site-credentials', async () => {
    const cert = await loadSiteCertificate(fixture.dataDir, fixture.profileId);
    expect(cert?.leafPem).toContain('BEGIN CERTIFICATE');
    expect(cert?.chainPem).toHaveLength(1);
    // The last import came from the PFX: its key went to the keychain if one is running, else to a file
    // encrypted with the PFX password.
    const key = await loadSitePrivateKey(fixture.dataDir, fixture.profileId, { passphrase: 'export-pass-1', keychain: keytarKeychain() });
    if (!key.ok) throw new Error(key.error.message);
    if (key.ok) expect(openssl(['pkey', '-pubout'], key.value)).toBe(openssl(['x509', '-noout', '-pubkey'], cert?.leafPem ?? ''));
  });
});

describe('certs.status judges the saved certificate against today\'s clock', () => {
  let clock = new Date();
  let fixture: CertFixture;
  let ca: TestCa;
  beforeAll(async () => {
    fixture = await createCertFixture({ now: () => clock });
    ca = await createTestCa();
  });
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
  });

  it('valid at import, "expires in N days" near the end, expired after it', async () => {
    const csr = await fixture.must('csr.generate', { profileId: fixture.profileId, keyType: 'ecdsa-p256', custody: 'file', passphrase: PASSPHRASE });
    const leaf = await ca.sign(csr.csrPem, { days: 90 });
    clock = new Date(Date.now() + 60_000); // the CA stamps notBefore with its own "now"
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: 'leaf.pem', base64: b64(leaf + ca.intermediatePem) }],
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    const validity = (findings: { id: string; severity: string; what: string }[]) => findings.find((f) => f.id === 'validity');
    expect(validity(report.findings)?.severity).toBe('ok');
    const notAfter = new Date(report.leaf.notAfter);
    clock = new Date(notAfter.getTime() - 5 * 24 * 3600 * 1000);
    const soon = await fixture.must('certs.status', { profileId: fixture.profileId });
    expect(validity(soon.imported?.findings ?? [])).toMatchObject({ severity: 'warning', what: expect.stringContaining('expires in 5 day(s)') });
    clock = new Date(notAfter.getTime() + 24 * 3600 * 1000);
    const later = await fixture.must('certs.status', { profileId: fixture.profileId });
    expect(validity(later.imported?.findings ?? [])?.severity).toBe('error');
    expect(later.imported?.findings.find((f) => f.id === 'key-match')?.severity).toBe('ok');
    expect(later.csrs).toHaveLength(1);
  });
});

describe('csr.generate input checks name the field', () => {
  let fixture: CertFixture;
  beforeAll(async () => {
    fixture = await createCertFixture({ siteUrl: `https://${'a'.repeat(60)}.example.com` });
  });
  afterAll(() => fixture.cleanup());

  const cases: { name: string; input: Record<string, unknown>; field: string; message: RegExp }[] = [
    { name: 'country not two letters', input: { subject: { commonName: 'meet.example.com', country: 'Germany' } }, field: 'subject.country', message: /two-letter ISO 3166 code/ },
    { name: 'SAN that is an IP address', input: { subject: { commonName: 'meet.example.com' }, extraSans: ['10.0.0.1'] }, field: 'extraSans.0', message: /IP address/ },
    { name: 'SAN with a partial wildcard', input: { subject: { commonName: 'meet.example.com' }, extraSans: ['m*.example.com'] }, field: 'extraSans.0', message: /wildcard/ },
    { name: 'file custody without passphrase', input: { subject: { commonName: 'meet.example.com' }, custody: 'file', passphrase: undefined }, field: 'passphrase', message: /needs a passphrase/ },
    { name: 'short passphrase', input: { subject: { commonName: 'meet.example.com' }, custody: 'file', passphrase: 'short' }, field: 'passphrase', message: /at least 12/ },
    { name: 'unknown key type', input: { subject: { commonName: 'meet.example.com' }, keyType: 'rsa-1024' }, field: 'keyType', message: /.+/ },
    { name: 'site host too long for a CN', input: {}, field: 'subject.commonName', message: /longer than 64 characters/ },
  ];
  it.each(cases)('$name', async ({ input, field, message }) => {
    const result = await fixture.call('csr.generate', { profileId: fixture.profileId, custody: 'file', passphrase: 'long-enough-1', ...input } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
  });
});

describe('a PFX made by openssl pkcs12 -export imports with its key', () => {
  let fixture: CertFixture;
  let ca: TestCa;
  beforeAll(async () => {
    fixture = await createCertFixture();
    ca = await createTestCa();
  });
  afterAll(async () => {
    await fixture.cleanup();
    await ca.cleanup();
  });

  it.each([
    { name: 'OpenSSL 3 default', flags: [] as string[] },
    { name: '-legacy', flags: ['-legacy'] },
  ])('$name', async ({ name, flags }) => {
    const made = opensslCsr(ca.dir, `pfx-${flags.length}`, '/CN=meet.example.com');
    const leafFile = path.join(ca.dir, `pfx-${flags.length}.pem`);
    await fs.writeFile(leafFile, await ca.sign(made.csrPem));
    const pfxFile = path.join(ca.dir, `pfx-${flags.length}.pfx`);
    await fs.writeFile(path.join(ca.dir, 'inter-only.pem'), ca.intermediatePem);
    openssl(['pkcs12', '-export', ...flags, '-in', leafFile, '-inkey', made.keyFile, '-certfile', path.join(ca.dir, 'inter-only.pem'), '-passout', 'pass:openssl-pfx', '-out', pfxFile]);
    const report = await fixture.must('cert.import', {
      profileId: fixture.profileId,
      files: [{ name: `site ${name}.pfx`, base64: b64(await fs.readFile(pfxFile)) }],
      password: 'openssl-pfx',
      extraRoots: [{ name: 'root.pem', base64: b64(ca.rootPem) }],
    });
    expect(report.format).toBe('pkcs12');
    expect(report.keyMatched).toBe(true);
    expect(report.saved).toBe(true);
    expect(report.findings.find((f) => f.id === 'key-match')?.what).toBe('The certificate matches the private key inside the PFX file.');
    expect(report.findings.find((f) => f.id === 'chain')?.severity).toBe('ok');
    // The key now sits in the keychain (or, without one, in a file encrypted with the PFX password).
    const exported = await fixture.must('cert.export', { profileId: fixture.profileId, format: 'pfx', passphrase: 'new-pfx-pass', keyPassphrase: 'openssl-pfx' });
    const out = path.join(ca.dir, `re-${flags.length}.pfx`);
    await fs.writeFile(out, Buffer.from(exported.base64, 'base64'));
    const info = opensslResult(['pkcs12', '-in', out, '-passin', 'pass:new-pfx-pass', '-nodes', '-nocerts']);
    expect(info.status).toBe(0);
    expect(openssl(['pkey', '-pubout'], info.stdout)).toBe(openssl(['pkey', '-pubout', '-in', made.keyFile]));
  });
});
