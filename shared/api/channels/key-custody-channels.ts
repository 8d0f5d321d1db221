import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema } from '../profile-schemas.js';

export const keyCustodyChannels = {
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
  'csr.key-file': channel({
    description:
      'The passphrase-encrypted key file (PKCS#8, AES-256) of a CSR made here with file custody: where it is kept in the data folder, and its PEM to save again (it stays encrypted; the passphrase is never stored).',
    input: z.object({ profileId: ProfileIdSchema, csrId: z.string().min(1).max(100) }).strict(),
    output: z.object({
      /** The absolute path of the kept copy (mode 0600, in the profile's folder of the data folder). */
      location: z.string(),
      /** The name to save it under, named after the site host like the CSR. */
      fileName: z.string(),
      pem: z.string(),
    }),
  }),
};
