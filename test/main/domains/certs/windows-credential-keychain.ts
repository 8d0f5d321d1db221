/**
 * A keychain stand-in that enforces what Windows Credential Manager enforces: one credential's blob holds at
 * most CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512 = 2,560 bytes (wincred.h), and keytar stores the secret's UTF-8
 * bytes; a larger secret fails as keytar reports it there ("The stub received bad data.").
 */
import type { Keychain } from '../../../../main/domains/certs/key-custody.js';

export const CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512;

export class WindowsCredentialKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  async setPassword(service: string, account: string, secret: string): Promise<void> {
    if (Buffer.byteLength(secret, 'utf8') > CRED_MAX_CREDENTIAL_BLOB_SIZE) throw new Error('The stub received bad data.');
    this.entries.set(`${service}\n${account}`, secret);
  }
  async getPassword(service: string, account: string): Promise<string | null> {
    return this.entries.get(`${service}\n${account}`) ?? null;
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    return this.entries.delete(`${service}\n${account}`);
  }
}

/** A keychain that is not there at all (no D-Bus session, locked, no keytar). */
export class MissingKeychain implements Keychain {
  async setPassword(): Promise<void> {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }
  async getPassword(): Promise<string | null> {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }
  async deletePassword(): Promise<boolean> {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }
}
