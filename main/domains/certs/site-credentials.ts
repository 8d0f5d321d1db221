/**
 * The site's certificate and private key as other parts of the wizard use them (SP metadata, signed
 * AuthnRequests, the test sign-in): the imported chain and the key that matched it, from wherever the key is kept.
 */
import { appError } from '../../../shared/app-errors.js';
import type { Result } from '../../../shared/result.js';
import { CertStore } from './cert-store.js';
import { loadPrivateKey, type Keychain } from './key-custody.js';

/** The imported leaf and the rest of its chain (intermediates, leaf excluded, in order towards the root), PEM. */
export async function loadSiteCertificate(dataDir: string, profileId: string): Promise<{ leafPem: string; chainPem: string[] } | null> {
  const state = await new CertStore(dataDir, profileId).read();
  if (!state.ok || !state.value.imported) return null;
  const [leafPem, ...chainPem] = state.value.imported.chainPem;
  return leafPem ? { leafPem, chainPem } : null;
}

/** The private key that matches the imported certificate, as PKCS#8 PEM (kept in memory only by the caller). */
export async function loadSitePrivateKey(
  dataDir: string,
  profileId: string,
  options: { passphrase?: string; keychain: Keychain },
): Promise<Result<string>> {
  const store = new CertStore(dataDir, profileId);
  const state = await store.read();
  if (!state.ok) return state;
  const imported = state.value.imported;
  if (!imported) {
    return appError('not-found', {
      message: 'No site certificate has been imported for this profile.',
      hint: 'Import the signed certificate in step 2 first.',
    });
  }
  if (!imported.keyMatched || !imported.keyReference) {
    return appError('not-found', {
      message: 'The imported certificate does not match any private key the wizard keeps.',
      hint: 'Import the certificate issued for the CSR generated in step 1, or a PFX that contains its key.',
    });
  }
  return loadPrivateKey({ keychain: options.keychain, profileDir: store.dir }, imported.keyReference, options.passphrase);
}
