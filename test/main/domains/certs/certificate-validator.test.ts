import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCertificates, type NamedBytes } from '../../../../main/domains/certs/certificate-import.js';
import { openssl } from './openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from './test-ca.js';

let ca: TestCa;
const pems: Record<string, string> = {};
const DAY = 24 * 60 * 60 * 1000;
const bytes = (name: string, text: string): NamedBytes => ({ name, bytes: new TextEncoder().encode(text) });

beforeAll(async () => {
  ca = await createTestCa();
  const sign = async (name: string, subject: string, options: { keyArgs?: string[]; san?: string | null; extensions?: string; digest?: string } = {}) => {
    const made = opensslCsr(ca.dir, name, subject, options.keyArgs, options.san === undefined ? `DNS:${subject.replace(/^.*CN=/, '')}` : options.san);
    pems[name] = await ca.sign(made.csrPem, { name: `${name}-cert`, ...(options.extensions ? { extensions: options.extensions } : {}), ...(options.digest ? { digest: options.digest } : {}) });
  };
  await sign('good', '/CN=meet.example.com');
  await sign('wildcard', '/CN=example.com', { san: 'DNS:*.example.com' });
  await sign('cnOnly', '/CN=meet.example.com', { san: null });
  await sign('sha1', '/CN=meet.example.com', { digest: 'sha1' });
  await sign('rsa1024', '/CN=meet.example.com', { keyArgs: ['-newkey', 'rsa:1024'] });
  await sign('clientOnly', '/CN=meet.example.com', { extensions: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' });
  await sign('badKeyUsage', '/CN=meet.example.com', { extensions: 'basicConstraints=CA:FALSE\nkeyUsage=critical,dataEncipherment\nextendedKeyUsage=serverAuth\n' });
  const selfKey = path.join(ca.dir, 'self.key');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', selfKey, '-out', path.join(ca.dir, 'self.pem'), '-days', '30', '-subj', '/CN=meet.example.com', '-addext', 'subjectAltName=DNS:meet.example.com']);
  pems.self = await fs.readFile(path.join(ca.dir, 'self.pem'), 'utf8');
  // What "openssl req -x509" makes for a web server: CA:FALSE and a TLS key usage, so no keyCertSign.
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(ca.dir, 'self-tls.key'), '-out', path.join(ca.dir, 'self-tls.pem'), '-days', '30', '-subj', '/CN=meet.example.com', '-addext', 'subjectAltName=DNS:meet.example.com', '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment', '-addext', 'extendedKeyUsage=serverAuth']);
  pems.selfTls = await fs.readFile(path.join(ca.dir, 'self-tls.pem'), 'utf8');
});
afterAll(() => ca.cleanup());

const notAfter = (pem: string) => new Date(openssl(['x509', '-noout', '-enddate'], pem).replace('notAfter=', '').trim());
const notBefore = (pem: string) => new Date(openssl(['x509', '-noout', '-startdate'], pem).replace('notBefore=', '').trim());

type Case = { name: string; leaf: string; withIntermediate?: boolean; host?: string; now?: (pem: string) => Date; want: Record<string, string>; absent?: string[] };

const CASES: Case[] = [
  { name: 'a good certificate', leaf: 'good', want: { leaf: 'ok', chain: 'ok', validity: 'ok', host: 'ok', eku: 'ok', 'key-usage': 'ok' } },
  { name: 'expired', leaf: 'good', now: (pem) => new Date(notAfter(pem).getTime() + DAY), want: { validity: 'error' } },
  { name: 'not yet valid', leaf: 'good', now: (pem) => new Date(notBefore(pem).getTime() - DAY), want: { validity: 'error' } },
  { name: 'expiring within 30 days', leaf: 'good', now: (pem) => new Date(notAfter(pem).getTime() - 10 * DAY), want: { validity: 'warning' } },
  { name: 'host not covered', leaf: 'good', host: 'other.example.com', want: { host: 'error' } },
  { name: 'wildcard SAN covers the host', leaf: 'wildcard', want: { host: 'ok' } },
  { name: 'wildcard SAN does not cover a deeper host', leaf: 'wildcard', host: 'a.meet.example.com', want: { host: 'error' } },
  { name: 'host only in the CN (no SAN): an error, browsers ignore the CN', leaf: 'cnOnly', want: { host: 'error' } },
  { name: 'SHA-1 signature', leaf: 'sha1', want: { 'weak-signature': 'error' } },
  { name: 'RSA 1024 key', leaf: 'rsa1024', want: { 'weak-key': 'error' } },
  { name: 'EKU without serverAuth', leaf: 'clientOnly', want: { eku: 'error' } },
  { name: 'key usage without digitalSignature/keyEncipherment', leaf: 'badKeyUsage', want: { 'key-usage': 'error' } },
  { name: 'self-signed leaf', leaf: 'self', withIntermediate: false, want: { 'self-signed': 'error', 'leaf-is-ca': 'warning' } },
  { name: 'self-signed leaf with a TLS key usage: "self-signed", never "chain incomplete"', leaf: 'selfTls', withIntermediate: false, want: { 'self-signed': 'error' }, absent: ['chain'] },
  { name: 'missing intermediate', leaf: 'good', withIntermediate: false, want: { chain: 'error' } },
  { name: 'no CSR recorded: the key cannot be checked (warning, not an error)', leaf: 'good', want: { 'key-match': 'warning' } },
];

describe('certificate findings, with a fixed clock', () => {
  it.each(CASES)('$name', ({ leaf, withIntermediate = true, host = 'meet.example.com', now, want, absent = [] }) => {
    const pem = pems[leaf] ?? '';
    const files = [bytes(`${leaf}.pem`, pem + (withIntermediate ? ca.intermediatePem : ''))];
    const result = importCertificates({
      files,
      extraRoots: [bytes('root.pem', ca.rootPem)],
      host,
      now: now ? now(pem) : new Date(notBefore(pem).getTime() + DAY),
      csrs: [],
      includeSystemRoots: false,
    });
    if (!result.ok) throw new Error(result.error.message);
    const severities = Object.fromEntries(result.value.report.findings.map((f) => [f.id, f.severity]));
    expect(severities).toMatchObject(want);
    for (const id of absent) expect(severities).not.toHaveProperty(id);
    for (const finding of result.value.report.findings) {
      expect(finding.what.length).toBeGreaterThan(10);
      expect(finding.fix.length).toBeGreaterThan(5);
    }
  });

  it('puts a leaf-last bundle in order and says the order was changed', () => {
    const pem = pems.good ?? '';
    const result = importCertificates({
      files: [bytes('reversed.pem', ca.intermediatePem + pem)],
      extraRoots: [bytes('root.pem', ca.rootPem)],
      host: 'meet.example.com',
      now: new Date(notBefore(pem).getTime() + DAY),
      csrs: [],
      includeSystemRoots: false,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.chain.map((c) => c.subject)).toEqual(['CN=meet.example.com', 'CN=Wizard Test Intermediate CA']);
    expect(result.value.report.root?.subject).toBe('CN=Wizard Test Root CA');
    expect(result.value.report.findings.find((f) => f.id === 'chain-order')?.severity).toBe('info');
  });

  it('without the private root, the chain ends at an untrusted root (system store only)', () => {
    const pem = pems.good ?? '';
    const result = importCertificates({
      files: [bytes('full.pem', pem + ca.intermediatePem + ca.rootPem)],
      extraRoots: [],
      host: 'meet.example.com',
      now: new Date(notBefore(pem).getTime() + DAY),
      csrs: [],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.findings.find((f) => f.id === 'chain')?.severity).toBe('warning');
  });
});
