/** Zod schemas of the catalogue and the decoder's answer, so they cross the API contract validated. */
import * as z from 'zod';
import { SAML_CHECK_IDS } from '../saml/check-ids.js';
import { STEP_IDS } from '../steps.js';
import { FIX_TARGETS, REMEDIES } from './fix-targets.js';
import { TROUBLESHOOTING_TOPIC_IDS } from './troubleshooting-topics.js';

/** One entry of the site's SSO error catalogue (declared here once; catalogue.ts holds the 32 entries). */
export const SsoErrorEntrySchema = z.object({
  code: z.number().int(),
  /** Exactly as in the seed's table. */
  description: z.string(),
  /** What the site shows: "<description>. Contact your administrator for further support." */
  message: z.string(),
  /** Likely causes, most likely first. Never empty. */
  causes: z.array(z.string()).readonly(),
  /** What to do, in one or two sentences. */
  fix: z.string(),
  /**
   * The wizard step (or the "IdP certificate for the site" panel) that fixes it, or null when the fix is on the
   * site's user administration (say where in `fix`).
   */
  step: z.enum(FIX_TARGETS).nullable(),
  /** What the fix changes; the step above must be able to make it (FIX_TARGET_MAKES). */
  remedy: z.enum(REMEDIES).nullable(),
  /** The automatic check that confirms the cause from a captured SAML response, when one exists. */
  check: z.enum(SAML_CHECK_IDS).nullable(),
});
export type SsoErrorEntry = z.infer<typeof SsoErrorEntrySchema>;

export const TroubleshootingTopicSchema = z.object({
  id: z.enum(TROUBLESHOOTING_TOPIC_IDS),
  title: z.string(),
  problem: z.string(),
  causes: z.array(z.string()).readonly(),
  solution: z.string(),
  phrases: z.array(z.string()).readonly(),
  relatedCodes: z.array(z.number().int()).readonly(),
  step: z.enum(STEP_IDS).nullable(),
});

export const SsoDecodeResultSchema = z.object({
  status: z.enum(['found', 'unknown']),
  matches: z.array(z.object({ entry: SsoErrorEntrySchema, via: z.enum(['code', 'message', 'url-code', 'url-message', 'text-code']) })),
  topics: z.array(TroubleshootingTopicSchema),
  nearest: z.array(SsoErrorEntrySchema),
  note: z.string(),
});
