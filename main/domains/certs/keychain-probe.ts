/**
 * Asks the keychain a harmless question (a lookup of an entry that is never written) to learn whether it can be
 * used here at all: on a server without a desktop session bus it cannot, and step 1 should say so before the
 * user picks it. A keychain that does not answer in time (a prompt nobody sees) counts as unavailable too.
 */
import { ok, type Result } from '../../../shared/result.js';
import { KEYCHAIN_SERVICE, keychainProblem, type Keychain } from './key-custody.js';

const PROBE_ACCOUNT = 'availability-probe';

export async function probeKeychain(keychain: Keychain, timeoutMs = 5_000): Promise<Result<true>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The keychain did not answer within ${timeoutMs / 1000} s (locked, waiting for a prompt).`)), timeoutMs);
  });
  try {
    await Promise.race([keychain.getPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT), timeout]);
    return ok(true);
  } catch (error) {
    return { ok: false, error: keychainProblem(error) };
  } finally {
    clearTimeout(timer);
  }
}
