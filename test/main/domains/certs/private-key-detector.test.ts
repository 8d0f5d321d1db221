/**
 * Issue 16, item 8: one key detector for drafts and the report's secret guard, parsing rather than grepping:
 * every key type, armoured or not, wrapped or not, inside other text; never a certificate, CSR or public key.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPrivateKey } from '../../../../main/domains/certs/private-key-detector.js';
import { findSecret } from '../../../../main/app/report/secret-guard.js';
import { DraftStore, DRAFTS_FILE, KEY_REMOVED_NOTICE } from '../../../../main/app/state/draft-store.js';
import { profileDataDir } from '../../../../main/platform/data-dir.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { openssl } from './openssl-tool.js';

const tempDir = useTempDirs();

const keys: { name: string; key: KeyObject; pkcs1?: boolean; sec1?: boolean }[] = [
  { name: 'RSA-2048', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, pkcs1: true },
  { name: 'P-256', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, sec1: true },
  { name: 'P-384', key: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, sec1: true },
  { name: 'P-521', key: generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey, sec1: true },
  { name: 'Ed25519', key: generateKeyPairSync('ed25519').privateKey },
  { name: 'Ed448', key: generateKeyPairSync('ed448').privateKey },
  { name: 'X25519', key: generateKeyPairSync('x25519').privateKey },
];

const b64 = (der: Buffer) => der.toString('base64');
const wrapped = (base64: string) => base64.replace(/(.{64})/g, '$1\n');

describe('findPrivateKey finds every key, however it is pasted', () => {
  for (const { name, key, pkcs1, sec1 } of keys) {
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
    const forms: [string, string][] = [
      ['PKCS#8 PEM', key.export({ type: 'pkcs8', format: 'pem' }).toString()],
      ['PKCS#8 base64 on one line', b64(pkcs8)],
      ['PKCS#8 base64 wrapped at 64', wrapped(b64(pkcs8))],
      ['PKCS#8 base64 inside JSON', JSON.stringify({ note: 'from the old server', key: b64(pkcs8) })],
      ['PKCS#8 base64 inside HTML', `<pre>${wrapped(b64(pkcs8))}</pre>`],
      ['encrypted PKCS#8, unarmoured', b64(key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'pass-phrase-1' }))],
    ];
    if (pkcs1) forms.push(['PKCS#1 base64', b64(key.export({ type: 'pkcs1', format: 'der' }))]);
    if (sec1) forms.push(['SEC1 base64', wrapped(b64(key.export({ type: 'sec1', format: 'der' })))]);
    for (const [form, text] of forms) {
      it(`${name}: ${form}`, () => {
        const found = findPrivateKey(`Here it is:\n${text}\nthanks`);
        expect(found).not.toBeNull();
        expect(findSecret(text)).not.toBeNull();
      });
    }
  }

  it('OpenSSH and PuTTY keys by their armour', () => {
    expect(findPrivateKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----')?.kind).toContain('OPENSSH');
    expect(findPrivateKey('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none')).not.toBeNull();
  });
});

describe('findPrivateKey leaves public material alone', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cases: [string, () => string][] = [
    ['a public key (SPKI) in base64', () => b64(rsa.publicKey.export({ type: 'spki', format: 'der' }))],
    ['a PKCS#1 public key in base64', () => b64(rsa.publicKey.export({ type: 'pkcs1', format: 'der' }))],
    ['a self-signed certificate, PEM and unarmoured', () => {
      const pem = openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=meet.example.com', '-days', '1']);
      return `${pem}\n${pem.replace(/-----[A-Z ]+-----/g, '')}`;
    }],
    ['random base64', () => b64(randomBytes(3000))],
    ['prose', () => 'Mister Mallory MIGHT paste MIIEvQ but this is no key at all, only words. '.repeat(200)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      expect(findPrivateKey(make())).toBeNull();
    });
  }
});

describe('drafts never keep a private key', () => {
  it('an unarmoured Ed25519 key pasted into a form is not written to drafts.json', async () => {
    const dataDir = tempDir();
    const profileId = '00000000-0000-4000-8000-000000000008';
    const store = new DraftStore(dataDir, profileId);
    const key = b64(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }));
    await store.save('import', { pasted: key, password: '', note: 'keep me' }, new Date());
    const onDisk = await fs.readFile(path.join(profileDataDir(dataDir, profileId), DRAFTS_FILE), 'utf8');
    expect(onDisk).not.toContain(key);
    expect(onDisk).toContain('keep me');
    expect((await store.get('import')).value).toEqual({ pasted: KEY_REMOVED_NOTICE, password: '', note: 'keep me' });
  });
});
