import * as z from 'zod';
import { channel } from '../channel-spec.js';
import {
  AcsUrlSchema,
  EntityIdSchema,
  ProfileIdSchema,
  ProfileInputSchema,
  ProfileNameSchema,
  ProfileSchema,
  SiteUrlSchema,
  StepIdSchema,
} from '../profile-schemas.js';

const ProfileListSchema = z.object({
  profiles: z.array(ProfileSchema),
  activeProfileId: ProfileIdSchema.nullable(),
});

export const profileChannels = {
  'profile.list': channel({
    description: 'All site profiles and which one is active.',
    input: z.object({}).strict(),
    output: ProfileListSchema,
  }),
  'profile.create': channel({
    description: 'Creates a site profile (SP entity ID and ACS URL default from the site URL) and makes it active.',
    input: ProfileInputSchema.strict(),
    output: ProfileSchema,
  }),
  'profile.update': channel({
    description: 'Changes fields of a profile. An empty SP entity ID or ACS URL returns to the default.',
    input: z
      .object({
        id: ProfileIdSchema,
        name: ProfileNameSchema.optional(),
        siteUrl: SiteUrlSchema.optional(),
        spEntityId: z.union([EntityIdSchema, z.literal('')]).optional(),
        acsUrl: z.union([AcsUrlSchema, z.literal('')]).optional(),
      })
      .strict(),
    output: ProfileSchema,
  }),
  'profile.remove': channel({
    description: 'Deletes a profile; with removeKeys, also its private keys (keychain entries, key files) and its folder (certs.json, drafts, settings).',
    input: z.object({ id: ProfileIdSchema, removeKeys: z.boolean().default(false) }).strict(),
    output: ProfileListSchema.extend({
      /** What was deleted, in words. */
      removed: z.array(z.string()),
      /** What stays on this computer, in words (empty when nothing does). */
      kept: z.array(z.string()),
    }),
  }),
  'profile.select': channel({
    description: 'Makes a profile the active one.',
    input: z.object({ id: ProfileIdSchema }).strict(),
    output: ProfileListSchema,
  }),
  'profile.setStep': channel({
    description: 'Records the step the user is on, so the wizard resumes there.',
    input: z.object({ id: ProfileIdSchema, step: StepIdSchema }).strict(),
    output: ProfileSchema,
  }),
};
