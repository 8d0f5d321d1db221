/**
 * What a profile leaves on this computer besides its entry in the profile list: private keys under the OS
 * keychain (with their sealed files), encrypted key files, certs.json and the rest of the profile folder. Told
 * to the user when the profile is removed, and removed on request (issue 16: nothing secret stays unsaid).
 */
import { promises as fs } from 'node:fs';
import type { KeyReference } from '../../../shared/api/cert-schemas.js';
import { ok, type Result } from '../../../shared/result.js';
import { CertStore } from '../../domains/certs/cert-store.js';
import { removeFromCustody, type Keychain } from '../../domains/certs/key-custody.js';
import { profileDataDir } from '../../platform/data-dir.js';

export interface Leftovers {
  references: KeyReference[];
  /** In words, for the user. */
  description: string[];
}

export async function profileLeftovers(dataDir: string, profileId: string): Promise<Leftovers> {
  const dir = profileDataDir(dataDir, profileId);
  const state = await new CertStore(dataDir, profileId).read();
  const all: KeyReference[] = state.ok
    ? [...state.value.csrs.map((csr) => csr.keyReference), state.value.imported?.keyReference ?? null].filter((reference): reference is KeyReference => reference !== null)
    : [];
  const seen = new Set<string>();
  const references = all.filter((reference) => {
    const id = reference.kind === 'keychain' ? `k:${reference.account}` : `f:${reference.file}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const description: string[] = [];
  const inKeychain = references.filter((reference) => reference.kind === 'keychain').length;
  if (inKeychain > 0) description.push(`${inKeychain} private key${inKeychain === 1 ? '' : 's'} under the OS keychain (service "SSO Setup Wizard")`);
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  if (files.length > 0) description.push(`the profile folder ${dir} (${files.sort().join(', ')})`);
  return { references, description };
}

/** Removes the keys (keychain entries first) and then the profile folder; what was removed, in words. */
export async function removeProfileData(keychain: Keychain, dataDir: string, profileId: string, references: KeyReference[]): Promise<Result<string[]>> {
  const dir = profileDataDir(dataDir, profileId);
  const removed: string[] = [];
  for (const reference of references) {
    const gone = await removeFromCustody({ keychain, profileDir: dir }, reference);
    if (!gone.ok) return gone;
    removed.push(...gone.value);
  }
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  if (files.length > 0) {
    await fs.rm(dir, { recursive: true, force: true });
    removed.push(`the profile folder ${dir} (${files.sort().join(', ')})`);
  }
  return ok(removed);
}
