import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../../../shared/api/cert-schemas.js';
import { parseCsr } from '../../../../main/domains/certs/csr-parser.js';
import { createTestCa, opensslCsr, type TestCa } from './test-ca.js';

let ca: TestCa;
let siteCsr: string;

beforeAll(async () => {
  ca = await createTestCa();
  siteCsr = opensslCsr(ca.dir, 'site', '/O=Example/CN=meet.example.com', ['-newkey', 'rsa:2048']).csrPem;
});
afterAll(() => ca.cleanup());

const text = (value: string) => new TextEncoder().encode(value);

describe('parseCsr reads CSRs made elsewhere (openssl on the site)', () => {
  it('PEM', async () => {
    const result = await parseCsr(text(siteCsr), 'site.csr');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ commonName: 'meet.example.com', sans: ['meet.example.com'], signatureValid: true, signatureAlgorithm: 'RSA PKCS#1 v1.5 with SHA-256' });
    expect(result.value.key.text).toBe('RSA 2048 bits');
  });
  it('DER', async () => {
    const der = new Uint8Array(Buffer.from(siteCsr.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));
    const result = await parseCsr(der, 'site.der');
    expect(result.ok && result.value.commonName).toBe('meet.example.com');
  });
  it('"NEW CERTIFICATE REQUEST" headers (Windows certreq)', async () => {
    const result = await parseCsr(text(siteCsr.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST')), 'certreq.req');
    expect(result.ok).toBe(true);
  });
  it('a CSR whose content was changed after signing is shown with an invalid signature', async () => {
    // Flip one byte inside the subject's common name: the structure stays valid, the signature does not.
    const der = Buffer.from(siteCsr.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('meet.example.com'));
    der[at] = 'n'.charCodeAt(0);
    const result = await parseCsr(new Uint8Array(der), 'tampered.csr');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.commonName).toBe('neet.example.com');
    expect(result.value.signatureValid).toBe(false);
  });
});

describe('parseCsr bad input: a clear error naming the file', () => {
  const cases: { name: string; file: string; bytes: () => Uint8Array; message: RegExp }[] = [
    { name: 'empty', file: 'empty.csr', bytes: () => new Uint8Array(0), message: /is empty/ },
    { name: 'truncated PEM', file: 'cut.csr', bytes: () => text(siteCsr.slice(0, 200)), message: /END line is missing: the file is truncated/ },
    { name: 'a certificate instead of a CSR', file: 'site.crt', bytes: () => text(ca.rootPem), message: /holds a CERTIFICATE, not a certificate request/ },
    { name: 'random bytes', file: 'noise.bin', bytes: () => new Uint8Array(randomBytes(2048)), message: /not a readable certificate request/ },
    { name: 'huge', file: 'huge.csr', bytes: () => new Uint8Array(MAX_INPUT_BYTES + 1), message: /MB; certificate files are a few kB/ },
    { name: 'hostile: deeply nested ASN.1', file: 'nested.der', bytes: () => new Uint8Array([...Array(2000).fill([0x30, 0x80]).flat(), ...Array(2000).fill([0, 0]).flat()]), message: /not a readable certificate request/ },
  ];
  it.each(cases)('$name', async ({ file, bytes, message }) => {
    const result = await parseCsr(bytes(), file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain(file);
    expect(result.error.field).toBe(file);
  });
});
