import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCoreContext } from '../../../../main/app/core/core-context.js';
import { buildDiagnosticReport } from '../../../../main/app/report/diagnostic-report.js';
import { maskText, maskValue } from '../../../../main/app/report/personal-data-mask.js';
import type { ReportContributor } from '../../../../main/app/report/report-contributor.js';
import { renderReportHtml } from '../../../../main/app/report/report-html.js';
import { findSecret } from '../../../../main/app/report/secret-guard.js';
import type { Profile } from '../../../../shared/api/profile-schemas.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();
const profile: Profile = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Prod',
  siteUrl: 'https://meet.example.com',
  host: 'meet.example.com',
  spEntityId: 'https://meet.example.com',
  acsUrl: 'https://meet.example.com/acs',
  createdAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
  progress: { currentStep: 'csr', completed: ['csr'] },
};

describe('personal data masking', () => {
  it.each([
    ['alice.smith@example.com', 'a***@example.com'],
    ['Alice', 'A***'],
    ['Émile', 'É***'],
    ['', ''],
  ])('%s → %s', (value, masked) => expect(maskValue(value)).toBe(masked));

  it('masks whole words only, never a part of a longer word', () => {
    expect(maskText('Test sign-ins: <firstname>Test</firstname> Testing', ['Test'])).toBe('T*** sign-ins: <firstname>T***</firstname> Testing');
    expect(maskText('a+b (x) [y]', ['a+b', '(x)'])).toBe('a*** (*** [y]');
  });

  it('masks known values and any email address inside free text such as XML', () => {
    const xml = '<AttributeValue>Alice</AttributeValue><AttributeValue>Smith</AttributeValue><NameID>alice@example.com</NameID> bob@corp.example.org';
    expect(maskText(xml, ['Alice', 'Smith'])).toBe(
      '<AttributeValue>A***</AttributeValue><AttributeValue>S***</AttributeValue><NameID>a***@example.com</NameID> b***@corp.example.org',
    );
  });
});

describe('secret guard', () => {
  it.each([
    '-----BEGIN PRIVATE KEY-----',
    '-----BEGIN ENCRYPTED PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----',
    '-----BEGIN EC PRIVATE KEY-----',
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', // base64 DER PKCS#8 RSA
  ])('finds %s', (text) => expect(findSecret(`before ${text} after`)).not.toBeNull());

  it('finds real keys made by openssl in every encoding the app handles', () => {
    for (const args of [['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']]) {
      const pem = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(findSecret(pem)).not.toBeNull();
      const bareBase64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      expect(findSecret(`xx${bareBase64}xx`), args.join(' ')).not.toBeNull();
      const pkcs1 = execFileSync('openssl', ['pkey', '-traditional'], { input: pem, encoding: 'utf8' }).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      expect(findSecret(pkcs1), `${args.join(' ')} traditional`).not.toBeNull();
    }
  });

  it('lets certificates through', () => {
    expect(findSecret('-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIUJ\n-----END CERTIFICATE-----')).toBeNull();
  });
});

describe('renderReportHtml', () => {
  it('escapes every value and loads nothing from outside', () => {
    const html = renderReportHtml({
      title: 'T <script>alert(1)</script>',
      subtitle: 's',
      generatedAt: new Date('2026-11-28T12:00:00Z'),
      appVersion: '1.0.0',
      sections: [{ title: 'S', rows: [{ label: '<b>', value: '"><img src=x onerror=alert(1)>' }], blocks: [{ title: 'XML', text: '<a href="http://evil">' }] }],
      maskPersonalData: false,
      personalValues: [],
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;a href=&quot;http://evil&quot;&gt;');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain("default-src 'none'");
  });
});

describe('buildDiagnosticReport', () => {
  const context = () => createCoreContext({ version: '9.9.9', frontDoor: 'cli', outside: testOutside(), dataDir: tempDir(), now: () => new Date('2026-11-28T12:34:00Z') });
  const userSection: ReportContributor = async (_c, _p, report) => {
    report.personal('Alice');
    return { title: 'Last sign-in', rows: [{ label: 'Signed in as', value: 'alice@example.com', personal: true }], blocks: [{ title: 'Assertion', text: '<firstname>Alice</firstname>' }] };
  };

  it('names the file after the host and time, and masks on request', async () => {
    const plain = await buildDiagnosticReport(context(), profile, { maskPersonalData: false }, [userSection]);
    expect(plain.fileName).toBe('meet.example.com-sso-report-2026-11-28-12-34.html');
    expect(plain.html).toContain('alice@example.com');
    const masked = await buildDiagnosticReport(context(), profile, { maskPersonalData: true }, [userSection]);
    expect(masked.html).not.toContain('alice@example.com');
    expect(masked.html).not.toContain('Alice');
    expect(masked.html).toContain('a***@example.com');
  });

  it('refuses to produce a report that would contain a private key', async () => {
    const leaky: ReportContributor = async () => ({ title: 'Oops', rows: [], blocks: [{ title: 'key', text: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }] });
    await expect(buildDiagnosticReport(context(), profile, { maskPersonalData: false }, [leaky])).rejects.toThrow(/would contain a private key/);
  });

  it('keeps the rest of the report when one section fails', async () => {
    const broken: ReportContributor = async () => {
      throw new Error('certs.json is damaged');
    };
    const report = await buildDiagnosticReport(context(), profile, { maskPersonalData: false }, [broken, userSection]);
    expect(report.html).toContain('certs.json is damaged');
    expect(report.html).toContain('Last sign-in');
  });
});
