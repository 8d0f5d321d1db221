/** CSR checks, table-driven, on CSRs made by the real openssl binary (as a site or an admin would make them). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCsr } from '../../../../main/domains/certs/csr-checks.js';
import { parseCsr } from '../../../../main/domains/certs/csr-parser.js';
import type { CsrDetails } from '../../../../shared/api/cert-schemas.js';
import { createTestCa, opensslCsr, type TestCa } from './test-ca.js';

const HOST = 'meet.example.com';
let ca: TestCa;
const csrs: Record<string, CsrDetails> = {};

async function details(pemOrDer: string | Buffer, name: string): Promise<CsrDetails> {
  const parsed = await parseCsr(typeof pemOrDer === 'string' ? new TextEncoder().encode(pemOrDer) : new Uint8Array(pemOrDer), name);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

beforeAll(async () => {
  ca = await createTestCa();
  const make = async (name: string, subject: string, keyArgs: string[] = ['-newkey', 'rsa:2048'], san: string | null = `DNS:${HOST}`, digest?: string) => {
    const made = opensslCsr(ca.dir, name, subject, digest ? [...keyArgs, `-${digest}`] : keyArgs, san);
    csrs[name] = await details(made.csrPem, `${name}.csr`);
    return made.csrPem;
  };
  const good = await make('good', `/O=Example/CN=${HOST}`);
  await make('wrongHost', '/CN=other.example.com', undefined, 'DNS:other.example.com');
  await make('cnOnly', `/CN=${HOST}`, undefined, null);
  await make('noSan', '/O=Example', undefined, null);
  await make('rsa1024', `/CN=${HOST}`, ['-newkey', 'rsa:1024']);
  await make('sha1', `/CN=${HOST}`, undefined, undefined, 'sha1');
  await make('wildcard', '/CN=*.example.com', undefined, 'DNS:*.example.com');
  await make('p256', `/CN=${HOST}`, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  await make('p521', `/CN=${HOST}`, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521']);
  await make('cnNotInSans', '/CN=portal.example.com', undefined, `DNS:${HOST},DNS:join.example.com`);
  // A CSR changed after signing: one byte of the O value flipped, the structure intact.
  const raw = Buffer.from(good.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const at = raw.indexOf(Buffer.from('Example'));
  raw[at] = 'X'.charCodeAt(0);
  csrs.tampered = await details(raw, 'tampered.csr');
});
afterAll(() => ca.cleanup());

type Case = { name: string; csr: string; want: Record<string, string>; what?: Record<string, RegExp> };

const CASES: Case[] = [
  { name: 'a good CSR', csr: 'good', want: { 'csr-signature': 'ok', host: 'ok', key: 'ok', subject: 'ok' } },
  { name: 'wrong host', csr: 'wrongHost', want: { host: 'error' }, what: { host: /does not cover the site host meet\.example\.com \(names: other\.example\.com\)/ } },
  { name: 'host only in the CN', csr: 'cnOnly', want: { host: 'error' }, what: { host: /only in the common name \(CN\); the CSR has no subject alternative names/ } },
  { name: 'no SAN and no CN', csr: 'noSan', want: { host: 'error', subject: 'info' }, what: { host: /names: none/ } },
  { name: 'RSA 1024', csr: 'rsa1024', want: { 'weak-key': 'error' }, what: { 'weak-key': /RSA 1024 bits; at least 2048 bits are required/ } },
  { name: 'SHA-1', csr: 'sha1', want: { 'weak-signature': 'error' }, what: { 'weak-signature': /SHA-1/ } },
  { name: 'bad self-signature', csr: 'tampered', want: { 'csr-signature': 'error' }, what: { 'csr-signature': /does not verify/ } },
  { name: 'wildcard covering the host', csr: 'wildcard', want: { host: 'ok', wildcard: 'info' }, what: { wildcard: /\*\.example\.com is a wildcard: it covers meet\.example\.com/ } },
  { name: 'ECDSA P-256', csr: 'p256', want: { key: 'ok' } },
  { name: 'ECDSA P-521 (CAs issue for P-256 and P-384 only)', csr: 'p521', want: { 'weak-key': 'error' } },
  { name: 'CN not among the SANs, other SANs listed', csr: 'cnNotInSans', want: { host: 'ok', subject: 'warning', sans: 'info' }, what: { sans: /join\.example\.com/ } },
];

describe('checkCsr: each problem with its finding', () => {
  it.each(CASES)('$name', ({ csr, want, what = {} }) => {
    const input = csrs[csr];
    if (!input) throw new Error(`no CSR ${csr}`);
    const findings = checkCsr(input, HOST);
    expect(Object.fromEntries(findings.map((f) => [f.id, f.severity]))).toMatchObject(want);
    for (const [id, pattern] of Object.entries(what)) expect(findings.find((f) => f.id === id)?.what).toMatch(pattern);
    for (const finding of findings) expect(finding.fix.length).toBeGreaterThan(5);
    const errors = findings.filter((f) => f.severity === 'error');
    if (csr === 'good' || csr === 'wildcard' || csr === 'p256') expect(errors).toEqual([]);
  });

  it('uses the words step 2 gives the certificate issued from the same CSR', async () => {
    const { importCertificates } = await import('../../../../main/domains/certs/certificate-import.js');
    const cnOnlyCsr = opensslCsr(ca.dir, 'cnOnly2', `/CN=${HOST}`, ['-newkey', 'rsa:2048'], null).csrPem;
    const cert = await ca.sign(cnOnlyCsr);
    const imported = importCertificates({ files: [{ name: 'c.pem', bytes: new TextEncoder().encode(cert + ca.intermediatePem) }], extraRoots: [], host: HOST, now: new Date(), csrs: [], includeSystemRoots: false });
    if (!imported.ok) throw new Error(imported.error.message);
    const certHost = imported.value.report.findings.find((f) => f.id === 'host')?.what;
    const csrHost = checkCsr(await details(cnOnlyCsr, 'c.csr'), HOST).find((f) => f.id === 'host')?.what;
    expect(certHost).toBe(csrHost?.replace('the CSR has', 'the certificate has'));
  });

  it('without a profile the host is not judged, and says so', () => {
    const findings = checkCsr(csrs.good as CsrDetails, null);
    expect(findings.find((f) => f.id === 'host')).toMatchObject({ severity: 'info', what: expect.stringMatching(/not checked/) });
  });
});
