import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema, StepIdSchema } from '../profile-schemas.js';
import { SiteChecklistSchema } from './site-step-channels.js';

/** Where one step of a profile's repair stands, in words for the start page. */
export const StepStatusSchema = z.object({
  step: StepIdSchema,
  /** From the step's LATEST result: done (it passes), todo (not started), attention (it fails or needs the user). */
  state: z.enum(['done', 'todo', 'attention']),
  headline: z.string(),
  detail: z.string().nullable(),
});

export const ProfileStatusSchema = z.object({
  profileId: ProfileIdSchema,
  steps: z.array(StepStatusSchema),
  /** The step to go to next, or null when the repair is complete. */
  nextStep: StepIdSchema.nullable(),
  nextAction: z.string(),
  /** The site-side actions of the DR procedure and which are ticked. */
  checklist: SiteChecklistSchema,
  /** Said only when every step's latest result passes, the checklist is complete and the last test sign-in would sign in. */
  repaired: z.boolean(),
});

export const ReportSchema = z.object({
  fileName: z.string(),
  html: z.string(),
  masked: z.boolean(),
});

export const overviewChannels = {
  'profile.status': channel({
    description: 'Where the SSO repair of a profile stands, step by step, and the next action.',
    input: z.object({ id: ProfileIdSchema }).strict(),
    output: ProfileStatusSchema,
  }),
  'report.generate': channel({
    description: 'A self-contained HTML diagnostic report of a profile for the site vendor\'s support; never contains secrets.',
    input: z.object({ id: ProfileIdSchema, maskPersonalData: z.boolean().default(false) }).strict(),
    output: ReportSchema,
  }),
  'report.pdf': channel({
    description: 'The same report printed to PDF where the runtime can print (the desktop app, or a Chromium-family browser on this computer).',
    input: z.object({ id: ProfileIdSchema, maskPersonalData: z.boolean().default(false) }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), masked: z.boolean() }),
  }),
};

export type StepStatus = z.infer<typeof StepStatusSchema>;
export type ProfileStatus = z.infer<typeof ProfileStatusSchema>;
