import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema } from '../profile-schemas.js';

/** Drafts keep what a user typed into a step before acting on it, so leaving the step, closing the window or a crash loses nothing. */
export const DraftKeySchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'A draft key is 1-64 lower-case letters, digits, dots or hyphens.');
export const MAX_DRAFT_CHARS = 64 * 1024;

const DraftValueSchema = z
  .json()
  .refine((value) => JSON.stringify(value).length <= MAX_DRAFT_CHARS, `A draft is at most ${MAX_DRAFT_CHARS / 1024} KB.`)
  // Drafts are plain files: secrets never go there (passphrases, keys). This catches a key pasted into a form.
  .refine((value) => !/PRIVATE KEY-----/.test(JSON.stringify(value)), 'A draft must not contain a private key.');

export const draftChannels = {
  'draft.get': channel({
    description: 'The saved draft of a form, or null.',
    input: z.object({ profileId: ProfileIdSchema, key: DraftKeySchema }).strict(),
    output: z.object({ value: z.json().nullable(), savedAt: z.string().nullable() }),
  }),
  'draft.save': channel({
    description: 'Saves the draft of a form (never secrets). A null value removes it.',
    input: z.object({ profileId: ProfileIdSchema, key: DraftKeySchema, value: DraftValueSchema.nullable() }).strict(),
    output: z.object({ savedAt: z.string() }),
  }),
};
