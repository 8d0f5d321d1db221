/**
 * Issue 16, item 10: property-based fuzzing of what users import. Mutated PEM, DER, PKCS#7, PFX and CSR files
 * (bytes flipped, inserted, deleted, cut, base64 damaged) go through `sso-wizard import` and `inspect`: every
 * outcome is exit 0, 1 or 2 with a message, never exit 3 and never a stack trace, and a refusal names the file.
 * Bounded in time (fast-check's interruptAfterTimeLimit), so it runs in `npm test`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { openssl } from '../../domains/certs/openssl-tool.js';
import { createTestCa, opensslCsr, type TestCa } from '../../domains/certs/test-ca.js';

let ca: TestCa;
let dir = '';
let dataDir = '';
const seeds: Record<string, Uint8Array> = {};

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const io: CliIo = { out: (text) => lines.push(text), err: (text) => lines.push(text), env: { ...process.env, CI: '1' } };
  const code = await runCli(['--data-dir', dataDir, ...args], io);
  return { code, text: lines.join('\n') };
}

beforeAll(async () => {
  ca = await createTestCa();
  dir = await fs.mkdtemp(path.join(ca.dir, 'fuzz-'));
  dataDir = path.join(dir, 'data');
  const at = (name: string) => path.join(ca.dir, name);
  const made = opensslCsr(ca.dir, 'site', '/CN=meet.example.com');
  const leaf = await ca.sign(made.csrPem, { name: 'site-cert' });
  await fs.writeFile(at('bundle.pem'), leaf + ca.intermediatePem);
  openssl(['x509', '-in', at('site-cert.pem'), '-outform', 'DER', '-out', at('site.der')]);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', at('bundle.pem'), '-outform', 'DER', '-out', at('chain.p7b')]);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', at('bundle.pem'), '-out', at('chain-pem.p7b')]);
  openssl(['pkcs12', '-export', '-in', at('site-cert.pem'), '-inkey', made.keyFile, '-passout', 'pass:pfx-pass', '-out', at('site.pfx')]);
  openssl(['req', '-in', at('site.csr'), '-outform', 'DER', '-out', at('site-der.csr')]);
  for (const [name, file] of Object.entries({ pem: 'bundle.pem', der: 'site.der', pkcs7: 'chain.p7b', pkcs7pem: 'chain-pem.p7b', pfx: 'site.pfx', csr: 'site.csr', csrder: 'site-der.csr' })) {
    seeds[name] = new Uint8Array(await fs.readFile(at(file)));
  }
  await fs.writeFile(path.join(dir, 'password'), 'pfx-pass\n');
  expect((await cli(['profile', 'add', '--name', 'Fuzz', '--site-url', 'https://meet.example.com'])).code).toBe(0);
}, 120_000);
afterAll(() => ca.cleanup());

type Mutation =
  | { kind: 'flip'; at: number; bits: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'cut'; at: number }
  | { kind: 'length'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  // DER length bytes and counts are where parsers go wrong: set one byte to an edge value.
  fc.record({ kind: fc.constant('length' as const), at: fc.nat(), value: fc.constantFrom(0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x88, 0xff) }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ m.bits;
    else if (m.kind === 'insert') bytes.splice(at, 0, ...m.bytes);
    else if (m.kind === 'delete') bytes.splice(at, m.count);
    else if (m.kind === 'cut') bytes = bytes.slice(0, at);
    else bytes[at] = m.value;
  }
  return new Uint8Array(bytes);
}

/** PEM seeds are also damaged inside their base64, where a byte-level flip would mostly hit text. */
function mutateBase64Body(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  const text = Buffer.from(seed).toString('utf8');
  return new TextEncoder().encode(
    text.replace(/(-----BEGIN [A-Z0-9 #]+-----)([\s\S]*?)(-----END)/, (_all, begin: string, body: string, end: string) => {
      const der = mutate(new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')), mutations);
      return `${begin}\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')}\n${end}`;
    }),
  );
}

let counter = 0;
async function check(command: 'import' | 'inspect', bytes: Uint8Array, extra: string[] = []): Promise<void> {
  const name = `mutated-${++counter}.bin`;
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  const { code, text } = await cli([command, file, ...extra]);
  try {
    expect([0, 1, 2]).toContain(code);
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    expect(text).not.toMatch(/TypeError|RangeError|ReferenceError|Cannot read properties/);
    if (code === 2) expect(text).toContain(name);
  } finally {
    await fs.rm(file, { force: true });
  }
}

const SETTINGS = { numRuns: 100, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false, endOnFailure: true };

describe('malformed certificate files never crash the CLI', () => {
  for (const seed of ['pem', 'der', 'pkcs7', 'pkcs7pem', 'pfx'] as const) {
    it(`${seed}: mutated bytes → exit 0, 1 or 2 with a message naming the file`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (mutations, inBase64) => {
          const source = seeds[seed] as Uint8Array;
          const isPem = seed === 'pem' || seed === 'pkcs7pem';
          await check('import', isPem && inBase64 ? mutateBase64Body(source, mutations) : mutate(source, mutations), seed === 'pfx' ? ['--password-file', path.join(dir, 'password')] : []);
        }),
        SETTINGS,
      );
    }, 60_000);
  }
  for (const seed of ['csr', 'csrder'] as const) {
    it(`${seed}: mutated CSRs → exit 0, 1 or 2 with a message naming the file`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (mutations, inBase64) => {
          const source = seeds[seed] as Uint8Array;
          await check('inspect', seed === 'csr' && inBase64 ? mutateBase64Body(source, mutations) : mutate(source, mutations));
        }),
        SETTINGS,
      );
    }, 60_000);
  }
});
