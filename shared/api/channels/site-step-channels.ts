import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema } from '../profile-schemas.js';
import { SITE_STEP_IDS } from '../../site-steps.js';

const SiteStepIdSchema = z.enum(SITE_STEP_IDS);

const SiteChecklistItemSchema = z.object({
  step: SiteStepIdSchema,
  title: z.string(),
  where: z.string(),
  why: z.string(),
  confirmedBy: z.string().nullable(),
  /** False for "generate the CSR on the site" when the expected key was made here (path 2). */
  applies: z.boolean(),
  /** When the admin ticked it as done on the site; null when not (yet). */
  doneAt: z.string().nullable(),
});

export const SiteChecklistSchema = z.object({
  items: z.array(SiteChecklistItemSchema),
  /** Every item that applies is ticked. */
  complete: z.boolean(),
});

export const siteStepChannels = {
  'site-steps.list': channel({
    description: 'The site-side actions of the disaster-recovery procedure, in order, with when each was ticked as done.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: SiteChecklistSchema,
  }),
  'site-steps.set': channel({
    description: 'Ticks (or unticks) one site-side action as done on the site; the time is kept.',
    input: z.object({ profileId: ProfileIdSchema, step: SiteStepIdSchema, done: z.boolean() }).strict(),
    output: SiteChecklistSchema,
  }),
};

export type SiteChecklist = z.infer<typeof SiteChecklistSchema>;
