/** Step 1's questions about key custody: can the keychain be used here, and where is a key file kept. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { appError } from '../../../shared/app-errors.js';
import { ok } from '../../../shared/result.js';
import { CertStore } from '../../domains/certs/cert-store.js';
import { probeKeychain } from '../../domains/certs/keychain-probe.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';
import { exportFileName } from './cert-handlers.js';

export const keyCustodyHandlers: Pick<Handlers, 'keychain.status' | 'csr.key-file'> = {
  'keychain.status': async (_input, context) => {
    const probe = await probeKeychain(context.outside.keychain);
    return ok(probe.ok ? { available: true, problem: null, hint: null } : { available: false, problem: probe.error.message, hint: probe.error.hint });
  },

  'csr.key-file': async (input, context) => {
    const found = await findProfile(context, input.profileId);
    if (!found.ok) return found;
    const store = new CertStore(context.dataDir, input.profileId);
    const state = await store.read();
    if (!state.ok) return state;
    const csr = state.value.csrs.find((candidate) => candidate.id === input.csrId);
    if (!csr) return appError('not-found', { message: `No CSR ${input.csrId} is recorded for this profile.`, hint: 'Reload step 1: the CSR list may have changed.', field: 'csrId' });
    if (csr.keyReference?.kind !== 'file') {
      return appError('not-found', {
        message: csr.keyReference === null ? 'This CSR\'s private key is on the site; the wizard holds no key file for it.' : 'This CSR\'s private key is kept in the OS keychain, not in a key file.',
        hint: 'Only a key made here "as an encrypted file" can be saved again.',
        field: 'csrId',
      });
    }
    // The reference is a bare file name written by the wizard; a name with a path in it is a damaged record.
    if (path.basename(csr.keyReference.file) !== csr.keyReference.file) {
      return appError('state-unreadable', { message: `The key file name "${csr.keyReference.file}" in certs.json is not a plain file name.`, hint: 'Restore the profile folder from a backup, or generate a new CSR.' });
    }
    const location = path.join(store.dir, csr.keyReference.file);
    try {
      const pem = await fs.readFile(location, 'utf8');
      if (!pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
        return appError('state-unreadable', { message: `${location} is not an encrypted private key.`, hint: 'Restore it from the copy you saved, or generate a new CSR.' });
      }
      return ok({ location, fileName: exportFileName(found.value.host, 'key'), pem });
    } catch (error) {
      return appError('not-found', {
        message: `The key file ${location} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        hint: 'Copy the key file you saved when the CSR was generated back into that folder, or generate a new CSR.',
      });
    }
  },
};
