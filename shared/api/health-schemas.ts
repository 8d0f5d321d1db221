/**
 * The health check's one result shape, used by the CLI (`sso-wizard check --json`), the Health panel and the
 * report. Stable: fields are only ever added. Each finding says what was checked, what was found, the date by
 * which to act, the fix and where in the wizard it is made.
 */
import * as z from 'zod';
import { FIX_TARGETS } from '../sso-errors/fix-targets.js';

export const HEALTH_CHECKS = ['served-certificate', 'idp-signing', 'clock', 'expiry', 'drift'] as const;

export const HealthSeveritySchema = z.enum(['ok', 'warning', 'error']);
export type HealthSeverity = z.infer<typeof HealthSeveritySchema>;

export const HealthFindingSchema = z.object({
  /** Stable across runs for the same problem (check, subject, kind): what "new since the last run" compares. */
  id: z.string(),
  check: z.enum(HEALTH_CHECKS),
  severity: HealthSeveritySchema,
  /** What was checked: "Site certificate served by 10.0.0.5:443", "IdP signing certificate CN=…". */
  subject: z.string(),
  /** What was found, in one or two sentences. */
  fact: z.string(),
  /** The date by which to act (ISO 8601), when there is one. */
  actBy: z.string().nullable(),
  /** What to do, or null when nothing needs doing. */
  fix: z.string().nullable(),
  /** Where in the wizard the fix is made (a step, or the "IdP certificate for the site" panel). */
  fixTarget: z.enum(FIX_TARGETS).nullable(),
  /** The site error codes this leads to (e.g. 19 for a clock, 8/23 for a rollover). */
  ssoErrorCodes: z.array(z.number().int()),
});
export type HealthFinding = z.infer<typeof HealthFindingSchema>;

export const HealthRunSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  siteUrl: z.string(),
  /** ISO 8601. */
  ranAt: z.string(),
  durationMs: z.number(),
  /** The worst severity of all findings. */
  worst: HealthSeveritySchema,
  counts: z.object({ ok: z.number().int(), warning: z.number().int(), error: z.number().int() }),
  findings: z.array(HealthFindingSchema),
  /** IDs of warnings and errors that the previous run did not have (what a notification announces). */
  newSinceLastRun: z.array(z.string()),
  /** The nodes checked under the site's name (HOST:PORT), or the site host itself. */
  nodes: z.array(z.string()),
});
export type HealthRun = z.infer<typeof HealthRunSchema>;

/** HOST:PORT, as curl's --connect-to writes the target side (IPv6 in brackets). */
export const NodeAddressSchema = z
  .string()
  .trim()
  .regex(/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i, 'Give a node as HOST:PORT, like 10.0.0.5:443 or [2001:db8::5]:443.')
  .refine((value) => Number(value.slice(value.lastIndexOf(':') + 1)) <= 65535, 'The port must be 1 to 65535.');
