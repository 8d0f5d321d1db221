import { ok } from '../../../shared/result.js';
import { probeKeychain } from '../../domains/certs/keychain-probe.js';
import type { Handlers } from '../core/dispatcher.js';

export const keychainHandlers: Pick<Handlers, 'keychain.status'> = {
  'keychain.status': async (_input, context) => {
    const probe = await probeKeychain(context.outside.keychain);
    return ok(probe.ok ? { available: true, problem: null, hint: null } : { available: false, problem: probe.error.message, hint: probe.error.hint });
  },
};
