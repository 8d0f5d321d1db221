/**
 * Schemas of the live test sign-in (step 5) as they cross the contract: the run's settings, its progress
 * events, its result and the history kept per profile.
 */
import * as z from 'zod';
import { ValidationReportSchema } from '../saml/validation-report.js';

export const SigninInitiationSchema = z.enum(['sp', 'idp']);
export const SigninStateSchema = z.enum(['starting', 'waiting', 'checking', 'finished']);
export const SigninOutcomeSchema = z.enum(['checked', 'cancelled', 'timeout', 'idp-unreachable', 'window-closed', 'error-page', 'browser-unavailable', 'failed']);
export const SigninVerdictSchema = z.enum(['would-sign-in', 'findings']);
export const CaptureBindingSchema = z.enum(['POST', 'Redirect', 'GET', 'unknown']);

export const SigninRunIdSchema = z.string().regex(/^[a-f0-9-]{36}$/, 'A run ID is a UUID.');

export const SigninEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['info', 'waiting', 'captured', 'checking', 'page', 'finished']),
  message: z.string(),
});

export const DecodedPageSchema = z.object({
  source: z.enum(['idp', 'site']),
  url: z.string(),
  status: z.number().int().nullable(),
  title: z.string(),
  excerpt: z.string(),
  codes: z.array(z.number().int()),
  note: z.string(),
});

export const SigninResultSchema = z.object({
  outcome: SigninOutcomeSchema,
  message: z.string(),
  hint: z.string(),
  initiation: SigninInitiationSchema,
  startUrl: z.string().nullable(),
  requestId: z.string().nullable(),
  captured: z.object({ url: z.string(), binding: CaptureBindingSchema, relayState: z.string().nullable() }).nullable(),
  report: ValidationReportSchema.nullable(),
  verdict: SigninVerdictSchema.nullable(),
  subject: z.string().nullable(),
  codes: z.array(z.number().int()),
  errorPage: DecodedPageSchema.nullable(),
  siteAfterForward: DecodedPageSchema.nullable(),
});

export const SigninStatusSchema = z.object({
  runId: SigninRunIdSchema,
  state: SigninStateSchema,
  /** Events after the sequence number the caller passed, oldest first. */
  events: z.array(SigninEventSchema),
  result: SigninResultSchema.nullable(),
});

export const SigninHistoryEntrySchema = z.object({
  runId: z.string(),
  at: z.string(),
  profileName: z.string(),
  initiation: SigninInitiationSchema,
  /** The IdP's entity ID (or its host when it has none yet). */
  idp: z.string(),
  outcome: SigninOutcomeSchema,
  verdict: SigninVerdictSchema.nullable(),
  subject: z.string().nullable(),
  codes: z.array(z.number().int()),
  message: z.string(),
});

/** A history row as the renderer lists it: `resultKept` says whether the run's full result can still be opened. */
export const SigninHistoryRowSchema = SigninHistoryEntrySchema.extend({ resultKept: z.boolean() });

/** One past run opened from the history: its row and the result exactly as the run ended. */
export const StoredSigninResultSchema = z.object({ entry: SigninHistoryEntrySchema, result: SigninResultSchema });

export type SigninInitiation = z.infer<typeof SigninInitiationSchema>;
export type SigninState = z.infer<typeof SigninStateSchema>;
export type SigninOutcome = z.infer<typeof SigninOutcomeSchema>;
export type CaptureBinding = z.infer<typeof CaptureBindingSchema>;
export type DecodedPage = z.infer<typeof DecodedPageSchema>;
export type SigninEvent = z.infer<typeof SigninEventSchema>;
export type SigninResult = z.infer<typeof SigninResultSchema>;
export type SigninStatus = z.infer<typeof SigninStatusSchema>;
export type SigninHistoryEntry = z.infer<typeof SigninHistoryEntrySchema>;
export type SigninHistoryRow = z.infer<typeof SigninHistoryRowSchema>;
export type StoredSigninResult = z.infer<typeof StoredSigninResultSchema>;
