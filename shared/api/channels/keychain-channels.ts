import { z } from 'zod';
import { channel } from '../channel-spec.js';

export const keychainChannels = {
  'keychain.status': channel({
    description:
      'Whether the OS keychain answers here (asked once, with a harmless lookup), so step 1 can preselect a key custody that works and say why the other is unavailable.',
    input: z.object({}).strict(),
    output: z.object({
      available: z.boolean(),
      /** Why not, in the words of the keychain error (with its way out); null when available. */
      problem: z.string().nullable(),
      hint: z.string().nullable(),
    }),
  }),
};
