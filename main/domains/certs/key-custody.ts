/**
 * Where private keys live. By default under the OS keychain through keytar (Secret Service on Linux, Keychain on
 * macOS, Credential Manager on Windows): the keychain holds a random 256-bit key and the private key is sealed
 * with it in the profile folder (envelope encryption, key-envelope.ts; entries made before that hold the whole
 * PEM and still load). Otherwise as a passphrase-encrypted PKCS#8 file (RFC 5958 with PBES2, PBKDF2-SHA256 at
 * OWASP's work factor, AES-256-CBC) that the user also saves. A private key is never written in plaintext.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { KeyReference } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { CUSTODY_LABELS } from '../../../shared/key-custody-labels.js';
import { ok, type AppError, type Result } from '../../../shared/result.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';
import { ENVELOPE_SECRET_PREFIX, openSealedKey, sealedKeyFileName, sealPrivateKey } from './key-envelope.js';
import { encryptPkcs8, keyPassphraseProblem } from './pkcs8-encryption.js';

export const KEYCHAIN_SERVICE = 'SSO Setup Wizard';

/** The part of keytar the wizard uses; passed in so tests and other platforms can supply their own. */
export interface Keychain {
  setPassword(service: string, account: string, secret: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

let keytarModule: Keychain | null = null;

/** keytar is a native module: loaded on first use, so a missing build only matters when the keychain is used. */
export function keytarKeychain(): Keychain {
  const load = (): Keychain => {
    keytarModule ??= createRequire(import.meta.url)('keytar') as Keychain;
    return keytarModule;
  };
  return {
    setPassword: (service, account, secret) => load().setPassword(service, account, secret),
    getPassword: (service, account) => load().getPassword(service, account),
    deletePassword: (service, account) => load().deletePassword(service, account),
  };
}

export function keychainAccount(profileId: string, publicKeyHash: string): string {
  return `${profileId}:${publicKeyHash}`;
}

export function encryptedKeyFileName(publicKeyHash: string): string {
  return `key-${publicKeyHash.slice(0, 16)}.p8.pem`;
}

/** Turns what libsecret/keytar throws into a sentence with the way out; never a stack trace. */
export function keychainProblem(error: unknown): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  const alternative = `Under "Where to keep the private key", choose "${CUSTODY_LABELS.file}" instead (CLI: --key-file with --passphrase-file), or fix the keychain and try again.`;
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|org\.freedesktop\.DBus|dbus/i.test(raw)) {
    return {
      code: 'storage-failed',
      message: 'The OS keychain is not available: there is no desktop session bus (D-Bus), so no secret service can be reached.',
      hint: `${alternative} On a Linux server, run the wizard inside a desktop session, or start one with "dbus-run-session" and an unlocked gnome-keyring.`,
      field: 'custody',
    };
  }
  if (/Object does not exist at path|collection\/login|locked|No such interface|prompt/i.test(raw)) {
    return {
      code: 'storage-failed',
      message: 'The OS keychain is locked (its "login" collection is not open).',
      hint: `${alternative} To use the keychain, unlock it (log in to the desktop, or open "Passwords and Keys" and unlock the login keyring).`,
      field: 'custody',
    };
  }
  if (/Cannot find module|keytar|\.node/i.test(raw)) {
    return {
      code: 'storage-failed',
      message: 'The OS keychain module (keytar) is not installed for this platform.',
      hint: `${alternative} Reinstall the wizard to get the keychain module for this system.`,
      field: 'custody',
    };
  }
  return {
    code: 'storage-failed',
    message: `The OS keychain refused the request: ${raw.split('\n')[0]?.slice(0, 200) ?? 'unknown error'}.`,
    hint: alternative,
    field: 'custody',
  };
}

export interface KeyCustody {
  keychain: Keychain;
  /** The profile folder, where encrypted key files are kept. */
  profileDir: string;
}

function accountHash(account: string): string {
  return account.slice(account.indexOf(':') + 1);
}

/** Stores the key under the keychain: the sealed key file first, then the 256-bit key that opens it. */
export async function storeInKeychain(custody: KeyCustody, profileId: string, publicKeyHash: string, privateKey: KeyObject): Promise<Result<KeyReference>> {
  const account = keychainAccount(profileId, publicKeyHash);
  const sealed = sealPrivateKey(privateKey, account);
  const file = path.join(custody.profileDir, sealedKeyFileName(publicKeyHash));
  try {
    await ensureDirectory(custody.profileDir);
    await writeFileAtomic(file, sealed.file, 0o600);
  } catch (error) {
    return appError('storage-failed', {
      message: `The sealed key file ${path.basename(file)} could not be written: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      hint: `Check that ${custody.profileDir} is writable and the disk is not full.`,
    });
  }
  try {
    await custody.keychain.setPassword(KEYCHAIN_SERVICE, account, sealed.secret);
    // Read it back: a secret service that silently drops writes must not leave the user with a CSR and no key.
    const check = await custody.keychain.getPassword(KEYCHAIN_SERVICE, account);
    if (check !== sealed.secret) throw new Error('The secret was not found after storing it.');
  } catch (error) {
    await fs.rm(file, { force: true }).catch(() => undefined);
    return { ok: false, error: keychainProblem(error) };
  }
  return ok({ kind: 'keychain', service: KEYCHAIN_SERVICE, account });
}

/** The encrypted PKCS#8 PEM (PBES2, PBKDF2-HMAC-SHA256 at OWASP's figure, AES-256-CBC): safe to store and to hand out. */
export function encryptPrivateKey(privateKey: KeyObject, passphrase: string): Promise<string> {
  return encryptPkcs8(privateKey, passphrase);
}

export async function storeAsEncryptedFile(
  custody: KeyCustody,
  publicKeyHash: string,
  privateKey: KeyObject,
  passphrase: string,
): Promise<Result<{ reference: KeyReference; pem: string }>> {
  const weak = keyPassphraseProblem(passphrase);
  if (weak) return appError('invalid-input', { message: weak, hint: 'Choose a longer passphrase (a few words work well) and keep it safe.', field: 'passphrase' });
  const pem = await encryptPrivateKey(privateKey, passphrase);
  const file = encryptedKeyFileName(publicKeyHash);
  try {
    await ensureDirectory(custody.profileDir);
    await writeFileAtomic(path.join(custody.profileDir, file), pem, 0o600);
  } catch (error) {
    return appError('storage-failed', {
      message: `The encrypted key file ${file} could not be written: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      hint: `Check that ${custody.profileDir} is writable and the disk is not full.`,
    });
  }
  return ok({ reference: { kind: 'file', file }, pem });
}

/**
 * Removes a key from custody: the keychain entry and the sealed file, or the encrypted key file. Returns what
 * was removed, in words; a keychain that cannot be reached is an error (the entry would stay behind).
 */
export async function removeFromCustody(custody: KeyCustody, reference: KeyReference): Promise<Result<string[]>> {
  const removed: string[] = [];
  const removeFile = async (name: string) => {
    try {
      await fs.rm(path.join(custody.profileDir, name));
      removed.push(name);
    } catch {
      // already gone
    }
  };
  if (reference.kind === 'keychain') {
    try {
      if (await custody.keychain.deletePassword(reference.service, reference.account)) removed.push(`keychain entry "${reference.account}"`);
    } catch (error) {
      return { ok: false, error: keychainProblem(error) };
    }
    await removeFile(sealedKeyFileName(accountHash(reference.account)));
  } else {
    await removeFile(reference.file);
  }
  return ok(removed);
}

/** The key as PKCS#8 PEM, from wherever the reference says it is. */
/**
 * How the front door asks for the key file passphrase: the UI names its field, the CLI its flag. The default is
 * door-neutral; the core hands in its door's words.
 */
export type AskKeyPassphrase = (what: string) => string;
const askPlainly: AskKeyPassphrase = (what) => `Enter ${what}.`;

export async function loadPrivateKey(custody: KeyCustody, reference: KeyReference, passphrase?: string, ask: AskKeyPassphrase = askPlainly): Promise<Result<string>> {
  if (reference.kind === 'keychain') {
    let secret: string | null;
    try {
      secret = await custody.keychain.getPassword(reference.service, reference.account);
    } catch (error) {
      return { ok: false, error: { ...keychainProblem(error), hint: 'Unlock the OS keychain (log in to the desktop session) and try again.' } };
    }
    if (secret === null) {
      return appError('not-found', {
        message: `The private key "${reference.account}" is not in the OS keychain.`,
        hint: 'It may have been deleted, or the wizard runs as another user. Generate a new CSR (step 1) and have it signed again.',
      });
    }
    // Entries made before envelope encryption hold the whole PKCS#8 PEM.
    if (!secret.startsWith(ENVELOPE_SECRET_PREFIX)) return ok(secret);
    const name = sealedKeyFileName(accountHash(reference.account));
    let sealed: string;
    try {
      sealed = await fs.readFile(path.join(custody.profileDir, name), 'utf8');
    } catch {
      return appError('not-found', {
        message: `The sealed key file ${name} is missing from ${custody.profileDir}; the keychain holds only the key that opens it.`,
        hint: 'Restore the profile folder from a backup, or generate a new CSR (step 1) and have it signed again.',
      });
    }
    const opened = openSealedKey(secret, sealed, reference.account);
    if (!opened.ok) {
      return appError('state-unreadable', { message: `The private key cannot be opened: ${opened.problem}.`, hint: 'Restore the profile folder from a backup, or generate a new CSR (step 1).' });
    }
    return ok(opened.pem);
  }
  const file = path.join(custody.profileDir, reference.file);
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch {
    return appError('not-found', {
      message: `The encrypted key file ${reference.file} is missing from ${custody.profileDir}.`,
      hint: 'Copy the key file you saved when the CSR was generated back into that folder, or generate a new CSR.',
      field: 'keyPassphrase',
    });
  }
  if (!passphrase) {
    return appError('invalid-input', {
      message: `The private key is kept in the encrypted file ${reference.file}; its passphrase is needed.`,
      hint: ask('the passphrase chosen when the CSR was generated'),
      field: 'keyPassphrase',
    });
  }
  try {
    return ok(createPrivateKey({ key: pem, format: 'pem', passphrase }).export({ type: 'pkcs8', format: 'pem' }).toString());
  } catch {
    return appError('invalid-input', {
      message: `The passphrase does not open the key file ${reference.file}.`,
      hint: ask('the passphrase chosen when the CSR was generated (it is case-sensitive)'),
      field: 'keyPassphrase',
    });
  }
}
