import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../../../shared/api/cert-schemas.js';
import { readCertificates } from '../../../../main/domains/certs/certificate-reader.js';
import { decodeFileInput } from '../../../../main/domains/certs/input-bytes.js';
import { openssl } from './openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from './test-ca.js';

let ca: TestCa;
let leafPem: string;
let leafKeyFile: string;
const at = (name: string) => path.join(ca.dir, name);
const read = (name: string) => fs.readFile(at(name));

beforeAll(async () => {
  ca = await createTestCa();
  const made = opensslCsr(ca.dir, 'site', '/CN=meet.example.com');
  leafKeyFile = made.keyFile;
  leafPem = await ca.sign(made.csrPem, { name: 'site-cert' });
  await fs.writeFile(at('bundle.pem'), leafPem + ca.intermediatePem);
  openssl(['x509', '-in', at('site-cert.pem'), '-outform', 'DER', '-out', at('site.der')]);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', at('bundle.pem'), '-out', at('chain.p7b')]);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', at('bundle.pem'), '-outform', 'DER', '-out', at('chain-der.p7b')]);
  openssl(['pkcs12', '-export', '-in', at('site-cert.pem'), '-inkey', leafKeyFile, '-certfile', at('inter.pem'), '-passout', 'pass:pfx-pass', '-out', at('default.pfx')]);
  openssl(['pkcs12', '-export', '-legacy', '-in', at('site-cert.pem'), '-inkey', leafKeyFile, '-certfile', at('inter.pem'), '-passout', 'pass:pfx-pass', '-out', at('legacy.pfx')]);
  openssl(['pkcs12', '-export', '-in', at('site-cert.pem'), '-inkey', leafKeyFile, '-passout', 'pass:Grüße-€', '-out', at('unicode.pfx')]);
  openssl(['pkcs12', '-export', '-legacy', '-in', at('site-cert.pem'), '-inkey', leafKeyFile, '-passout', 'pass:Grüße-€', '-out', at('unicode-legacy.pfx')]);
  // An ECDSA certificate and key in a PFX: node-forge cannot model EC keys, the reader must still get them.
  const ec = opensslCsr(ca.dir, 'ec', '/CN=meet.example.com', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']);
  await fs.writeFile(at('ec-cert.pem'), await ca.sign(ec.csrPem, { name: 'ec-cert' }));
  openssl(['pkcs12', '-export', '-in', at('ec-cert.pem'), '-inkey', ec.keyFile, '-passout', 'pass:pfx-pass', '-out', at('ec.pfx')]);
});
afterAll(() => ca.cleanup());

describe('readCertificates detects the format by content, whatever the file is called', () => {
  const cases: { name: string; file: string; as: string; password?: string; format: string; count: number; key: boolean }[] = [
    { name: 'PEM bundle (leaf + intermediate)', file: 'bundle.pem', as: 'cert.txt', format: 'pem', count: 2, key: false },
    { name: 'DER certificate named .pem', file: 'site.der', as: 'site.pem', format: 'der', count: 1, key: false },
    { name: 'PKCS#7 PEM', file: 'chain.p7b', as: 'chain.crt', format: 'pkcs7', count: 2, key: false },
    { name: 'PKCS#7 DER', file: 'chain-der.p7b', as: 'chain.bin', format: 'pkcs7', count: 2, key: false },
    { name: 'PKCS#12 from openssl pkcs12 -export (OpenSSL 3 default, AES-256 + SHA-256 MAC)', file: 'default.pfx', as: 'site.cer', password: 'pfx-pass', format: 'pkcs12', count: 2, key: true },
    { name: 'PKCS#12 from openssl pkcs12 -export -legacy (RC2/3DES, SHA-1 MAC)', file: 'legacy.pfx', as: 'site.p12', password: 'pfx-pass', format: 'pkcs12', count: 2, key: true },
    { name: 'PKCS#12 (default) with a non-ASCII password', file: 'unicode.pfx', as: 'u.pfx', password: 'Grüße-€', format: 'pkcs12', count: 1, key: true },
    { name: 'PKCS#12 (-legacy) with a non-ASCII password', file: 'unicode-legacy.pfx', as: 'u.p12', password: 'Grüße-€', format: 'pkcs12', count: 1, key: true },
    { name: 'PKCS#12 with an ECDSA P-384 key', file: 'ec.pfx', as: 'ec.pfx', password: 'pfx-pass', format: 'pkcs12', count: 1, key: true },
  ];
  it.each(cases)('$name', async ({ file, as, password, format, count, key }) => {
    const result = readCertificates(new Uint8Array(await read(file)), as, password);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe(format);
    expect(result.value.certificates).toHaveLength(count);
    expect(result.value.privateKey !== null).toBe(key);
  });

  it('reads pasted base64 without BEGIN/END lines', async () => {
    const body = leafPem.replace(/-----[A-Z ]+-----/g, '').trim();
    const result = readCertificates(new TextEncoder().encode(body), 'pasted text');
    expect(result.ok && result.value.certificates.length).toBe(1);
  });

  it('the key from a PFX is the certificate\'s key', async () => {
    const result = readCertificates(new Uint8Array(await read('default.pfx')), 'site.pfx', 'pfx-pass');
    if (!result.ok) throw new Error(result.error.message);
    const fromPfx = result.value.privateKey?.export({ type: 'pkcs8', format: 'pem' }).toString() ?? '';
    expect(openssl(['pkey', '-pubout'], fromPfx)).toBe(openssl(['pkey', '-pubout', '-in', leafKeyFile]));
  });
});

describe('bad input: each a clear error naming the file', () => {
  const cases: { name: string; file: string; bytes: () => Promise<Uint8Array>; password?: string; message: RegExp }[] = [
    { name: 'truncated PEM', file: 'cut.pem', bytes: async () => new TextEncoder().encode(leafPem.slice(0, leafPem.length / 2)), message: /cut short/ },
    { name: 'PEM with a damaged body', file: 'damaged.pem', bytes: async () => new TextEncoder().encode(leafPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA')), message: /damaged or cut short/ },
    { name: 'wrong PFX password', file: 'site.pfx', bytes: async () => new Uint8Array(await read('default.pfx')), password: 'not-it', message: /password does not open/ },
    { name: 'PFX without a password', file: 'site.pfx', bytes: async () => new Uint8Array(await read('default.pfx')), message: /password-protected PFX/ },
    { name: 'truncated PFX', file: 'site.pfx', bytes: async () => new Uint8Array(await read('default.pfx')).slice(0, 700), password: 'pfx-pass', message: /damaged or cut short/ },
    { name: 'a key file given as a certificate (PEM)', file: 'site.key', bytes: async () => new Uint8Array(await fs.readFile(leafKeyFile)), message: /holds a private key, not a certificate/ },
    {
      name: 'a key file given as a certificate (DER)',
      file: 'site.cer',
      bytes: async () => new Uint8Array(Buffer.from(openssl(['pkey', '-in', leafKeyFile, '-outform', 'DER']), 'binary')),
      message: /private key, not a certificate|damaged or cut short/,
    },
    { name: 'a CSR given as a certificate', file: 'site.csr', bytes: async () => new Uint8Array(await read('site.csr')), message: /certificate request \(CSR\), not the signed certificate/ },
    { name: 'an empty file', file: 'empty.cer', bytes: async () => new Uint8Array(0), message: /is empty/ },
    { name: 'random bytes', file: 'noise.bin', bytes: async () => new Uint8Array(randomBytes(4096)), message: /not a certificate file|damaged/ },
    { name: 'random bytes that start like DER', file: 'noise.der', bytes: async () => new Uint8Array([0x30, 0x82, 0x10, 0x00, ...randomBytes(300)]), message: /damaged or cut short/ },
    { name: 'a huge file', file: 'huge.pem', bytes: async () => new Uint8Array(MAX_INPUT_BYTES + 1), message: /MB; certificate files are a few kB/ },
    { name: 'plain text', file: 'notes.txt', bytes: async () => new TextEncoder().encode('Hello, here is the certificate you asked for.'), message: /not a certificate file/ },
  ];
  it.each(cases)('$name', async ({ file, bytes, password, message }) => {
    const result = readCertificates(await bytes(), file, password);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain(file);
    expect(result.error.field).toBe(file);
    expect(result.error.hint.length).toBeGreaterThan(10);
    expect(result.error.message).not.toMatch(/at .*\.js|Error:/);
  });

  it('an oversized upload is refused before decoding, naming the file', () => {
    const result = decodeFileInput({ name: 'big.p7b', base64: 'A'.repeat(Math.ceil((MAX_INPUT_BYTES * 4) / 3) + 8) }, 'big.p7b');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('"big.p7b" is');
  });

  it('base64 that is not base64 is refused, naming the file', () => {
    const result = decodeFileInput({ name: 'x.cer', base64: '!!not base64!!' });
    expect(result.ok || result.error.message).toContain('"x.cer" did not arrive intact');
  });
});

describe('hostile input is refused quickly', () => {
  it('a PFX that asks for more key-derivation iterations than allowed', async () => {
    const file = at('slow.pfx');
    openssl(['pkcs12', '-export', '-in', at('ec-cert.pem'), '-inkey', path.join(ca.dir, 'ec.key'), '-passout', 'pass:pfx-pass', '-iter', '1200000', '-out', file]);
    const started = performance.now();
    const result = readCertificates(new Uint8Array(await fs.readFile(file)), 'slow.pfx', 'pfx-pass');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('"slow.pfx" asks for 1,200,000 key-derivation iterations; the wizard allows at most 1,000,000.');
  });

  it('a file with hundreds of certificates (a trust store, not a chain)', async () => {
    const store = Array.from({ length: 60 }, () => ca.intermediatePem).join('');
    const result = readCertificates(new TextEncoder().encode(store), 'ca-bundle.crt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('"ca-bundle.crt" holds 60 certificates');
  });
});
