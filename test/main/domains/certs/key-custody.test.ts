import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSiteKeyPair } from '../../../../main/domains/certs/key-generator.js';
import {
  KEYCHAIN_SERVICE,
  keychainProblem,
  keytarKeychain,
  loadPrivateKey,
  storeAsEncryptedFile,
  storeInKeychain,
  type KeyCustody,
} from '../../../../main/domains/certs/key-custody.js';
import { keytarInChild } from './keychain-child.js';
import { ENVELOPE_SECRET_PREFIX, openSealedKey, sealedKeyFileName } from '../../../../main/domains/certs/key-envelope.js';
import { openssl } from './openssl-tool.js';

const PROFILE = '00000000-0000-4000-8000-000000000001';
const privateKeyring = process.env.SSO_WIZARD_KEYRING === 'private';
let dir: string;
let custody: KeyCustody;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-custody-'));
  custody = { keychain: keytarKeychain(), profileDir: dir };
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe.runIf(privateKeyring)('OS keychain through keytar, with a real gnome-keyring in a private D-Bus session', () => {
  it('stores the key, finds it again, and a new process (a restarted wizard) finds it too', async () => {
    const keys = await generateSiteKeyPair('ecdsa-p256');
    const stored = await storeInKeychain(custody, PROFILE, keys.publicKeyHash, keys.privateKey);
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value).toEqual({ kind: 'keychain', service: KEYCHAIN_SERVICE, account: `${PROFILE}:${keys.publicKeyHash}` });
    const loaded = await loadPrivateKey(custody, stored.value);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(openssl(['pkey', '-pubout'], loaded.value)).toBe(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const again = keytarInChild(['get', KEYCHAIN_SERVICE, `${PROFILE}:${keys.publicKeyHash}`]);
    expect(again.ok).toBe(true);
    // The keychain holds the envelope key only; with the sealed file beside the profile it opens the same key.
    if (again.ok) {
      expect(again.value?.startsWith(ENVELOPE_SECRET_PREFIX)).toBe(true);
      const sealed = await fs.readFile(path.join(dir, sealedKeyFileName(keys.publicKeyHash)), 'utf8');
      const opened = openSealedKey(again.value ?? '', sealed, `${PROFILE}:${keys.publicKeyHash}`);
      expect(opened.ok && createHash('sha256').update(opened.pem).digest('hex')).toBe(createHash('sha256').update(loaded.value).digest('hex'));
    }
    await custody.keychain.deletePassword(KEYCHAIN_SERVICE, `${PROFILE}:${keys.publicKeyHash}`);
    const gone = await loadPrivateKey(custody, stored.value);
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toContain('is not in the OS keychain');
  });

  it('a locked keyring (no login collection unlocked) gives the "locked" message with the alternative', async () => {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-locked-'));
    try {
      const env = { ...process.env, XDG_DATA_HOME: `${scratch}/data`, XDG_RUNTIME_DIR: `${scratch}/run`, XDG_CONFIG_HOME: `${scratch}/config` };
      for (const sub of ['data', 'run', 'config']) await fs.mkdir(`${scratch}/${sub}`, { mode: 0o700 });
      // The daemon starts without --unlock: there is no open login collection, as on a server after reboot.
      const answer = keytarInChild(['set', KEYCHAIN_SERVICE, 'locked-test', 'secret'], {
        env,
        wrap: ['dbus-run-session', '--', 'sh', '-c', 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$@"', 'sh'],
      });
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.message).toMatch(/Object does not exist at path .*\/collection\/login/);
      const problem = keychainProblem(new Error(answer.message));
      expect(problem.message).toContain('keychain is locked');
      expect(problem.hint).toContain('encrypted file');
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('OS keychain missing', () => {
  it('without a session bus keytar fails, and the wizard says so with the alternative, not a stack trace', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const answer = keytarInChild(['set', KEYCHAIN_SERVICE, 'absent-test', 'secret'], { env });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toMatch(/Cannot autolaunch D-Bus without X11 \$DISPLAY|D-Bus/);
    const problem = keychainProblem(new Error(answer.message));
    expect(problem.message).toContain('no desktop session bus');
    expect(problem.hint).toContain('"As an encrypted file I save (PKCS#8, AES-256)"');
    expect(problem.field).toBe('custody');
  });

  it('a missing native module is explained too', () => {
    expect(keychainProblem(new Error("Cannot find module 'keytar'")).message).toContain('keytar');
  });
});

describe('passphrase-encrypted PKCS#8 file', () => {
  it('is encrypted (PBES2/AES-256), opens with the passphrase in openssl, and refuses a wrong one', async () => {
    const keys = await generateSiteKeyPair('rsa-2048');
    const stored = await storeAsEncryptedFile(custody, keys.publicKeyHash, keys.privateKey, 'passphrase-123');
    if (!stored.ok) throw new Error(stored.error.message);
    const onDisk = await fs.readFile(path.join(dir, stored.value.reference.kind === 'file' ? stored.value.reference.file : ''), 'utf8');
    expect(onDisk).toBe(stored.value.pem);
    expect(onDisk).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(openssl(['asn1parse'], onDisk)).toMatch(/PBES2[\s\S]*PBKDF2[\s\S]*aes-256-cbc/);
    expect(openssl(['pkey', '-pubout', '-passin', 'pass:passphrase-123'], onDisk)).toBe(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const wrong = await loadPrivateKey(custody, stored.value.reference, 'not-the-passphrase');
    expect(wrong.ok || wrong.error.field).toBe('keyPassphrase');
    const none = await loadPrivateKey(custody, stored.value.reference);
    expect(none.ok || none.error.message).toContain('passphrase is needed');
    const right = await loadPrivateKey(custody, stored.value.reference, 'passphrase-123');
    expect(right.ok && right.value.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
  });
});
