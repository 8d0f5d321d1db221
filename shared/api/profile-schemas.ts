/** Schemas of the site profile: what is entered, what is stored, what crosses the contract. */
import * as z from 'zod';
import { absoluteUrlProblem, parseSiteUrl } from '../site-url.js';
import { SITE_STEP_IDS } from '../site-steps.js';
import { STEP_IDS, type StepId } from '../steps.js';

/** The one step type is StepId (shared/steps.ts); this is its schema. */
export const StepIdSchema = z.enum(STEP_IDS) satisfies z.ZodType<StepId>;
export type { StepId };

export const SiteUrlSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseSiteUrl(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

/** SAML 2.0 core §8.3.6: an entity identifier is a URI of at most 1024 characters. */
export const EntityIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the SP entity ID (usually the site URL).')
  .max(1024, 'An entity ID is at most 1024 characters (SAML 2.0 core §8.3.6).')
  .refine((value) => !/\s/.test(value), 'An entity ID must not contain spaces.')
  .refine((value) => /^[a-z][a-z0-9+.-]*:/i.test(value), 'An entity ID must be a URI, like https://meet.example.com.');

export const AcsUrlSchema = z
  .string()
  .trim()
  .max(2048, 'The ACS URL is longer than 2048 characters.')
  .superRefine((value, ctx) => {
    const problem = absoluteUrlProblem(value, { httpsOnly: true });
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `The ACS URL ${problem}.` });
  });

export const ProfileNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the profile a name, like "Production site".')
  .max(80, 'A profile name is at most 80 characters.');

/**
 * `completed` holds the steps whose LATEST result passed: a step that fails later is taken out again (honest
 * status, never a sticky "done").
 */
export const ProgressSchema = z.object({
  currentStep: StepIdSchema,
  completed: z.array(StepIdSchema),
  /** Steps whose latest result failed (absent in older state files). */
  failed: z.array(StepIdSchema).optional(),
});

/** A site-side action of the DR procedure the admin ticked as done on the site, with when. */
export const SiteStepDoneSchema = z.object({ step: z.enum(SITE_STEP_IDS), doneAt: z.string() });

/** What the user enters. The SP identity is optional: it defaults from the site URL. */
export const ProfileInputSchema = z.object({
  name: ProfileNameSchema,
  siteUrl: SiteUrlSchema,
  spEntityId: EntityIdSchema.optional(),
  acsUrl: AcsUrlSchema.optional(),
});

export const ProfileIdSchema = z.string().regex(/^[a-f0-9-]{36}$/, 'A profile ID is a UUID.');

export const ProfileSchema = z.object({
  id: ProfileIdSchema,
  name: ProfileNameSchema,
  siteUrl: z.string(),
  host: z.string(),
  spEntityId: z.string(),
  acsUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: ProgressSchema,
  /** Absent in profiles made before the checklist existed: read as none ticked. */
  siteSteps: z.array(SiteStepDoneSchema).optional(),
});

export type Profile = z.infer<typeof ProfileSchema>;
