/** Zod schemas of the catalogue and the decoder's answer, so they cross the API contract validated. */
import { z } from 'zod';
import { SAML_CHECK_IDS } from '../saml/check-ids.js';
import { STEP_IDS } from '../steps.js';
import { FIX_TARGETS, REMEDIES } from './fix-targets.js';
import { TROUBLESHOOTING_TOPIC_IDS } from './troubleshooting-topics.js';

export const SsoErrorEntrySchema = z.object({
  code: z.number().int(),
  description: z.string(),
  message: z.string(),
  causes: z.array(z.string()).readonly(),
  fix: z.string(),
  step: z.enum(FIX_TARGETS).nullable(),
  remedy: z.enum(REMEDIES).nullable(),
  check: z.enum(SAML_CHECK_IDS).nullable(),
});

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
