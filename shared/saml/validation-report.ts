/**
 * What the SAML response validator answers, as zod schemas so the report crosses the API contract (IPC, HTTP,
 * CLI --json) with run-time validation, and the renderer derives its types from here.
 */
import * as z from 'zod';
import { FIX_TARGETS } from '../sso-errors/fix-targets.js';
import { SAML_CHECK_IDS } from './check-ids.js';

export const FindingSeveritySchema = z.enum(['error', 'warning', 'info']);

export const SamlFindingSchema = z.object({
  check: z.enum(SAML_CHECK_IDS),
  /** error: the site refuses the sign-in; warning: works but fragile; info: worth knowing. */
  severity: FindingSeveritySchema,
  /** The site's SSO error code this leads to, when one is documented. */
  ssoCode: z.number().int().min(1).max(32).nullable(),
  /** Where in the response (e.g. "Assertion/Subject/NameID/@Format"). */
  field: z.string(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  explanation: z.string(),
  /** The wizard step (or the "IdP certificate for the site" panel) that fixes it, when one does. */
  fixStep: z.enum(FIX_TARGETS).nullable(),
});

export const SigningCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  /** configured: one of the profile's IdP certificates; document: taken from the response's KeyInfo (never trusted). */
  source: z.enum(['configured', 'document']),
  pem: z.string(),
});

export const DecodedResponseSchema = z.object({
  rootElement: z.string().nullable(),
  issuer: z.string().nullable(),
  assertionIssuer: z.string().nullable(),
  issueInstant: z.string().nullable(),
  statusCode: z.string().nullable(),
  statusMessage: z.string().nullable(),
  destination: z.string().nullable(),
  recipient: z.string().nullable(),
  inResponseTo: z.string().nullable(),
  audiences: z.array(z.string()),
  notBefore: z.string().nullable(),
  notOnOrAfter: z.string().nullable(),
  /** The time the check ran with (the clock passed in), ISO 8601. */
  checkedAt: z.string(),
  /** checkedAt minus IssueInstant, in seconds: a large value means the clocks differ (or the response is old). */
  clockDifferenceSeconds: z.number().nullable(),
  nameId: z.string().nullable(),
  nameIdFormat: z.string().nullable(),
  nameQualifier: z.string().nullable(),
  attributes: z.record(z.string(), z.array(z.string())),
  responseSigned: z.boolean(),
  assertionSigned: z.boolean(),
  encrypted: z.boolean(),
  /** The certificate whose key verified the signature (configured), or the embedded one it verified with instead (document). */
  signingCertificate: SigningCertificateSchema.nullable(),
  /**
   * The response as received, pretty-printed for reading (with the decrypted assertion appended when it was
   * encrypted). Reformatted: its signatures no longer verify, so it is for reading, never for checking again.
   */
  xml: z.string().nullable(),
  /** The SAMLResponse exactly as posted (Base64), the only form whose signatures can be checked again; null when XML was pasted. */
  original: z.string().nullable().default(null),
});

export const ValidationReportSchema = z.object({
  signsIn: z.boolean(),
  /** The email the site would sign the user in as (only when signsIn). */
  subject: z.string().optional(),
  /** One sentence: "Would sign in as …" or the first blocking problem. */
  summary: z.string(),
  findings: z.array(SamlFindingSchema),
  decoded: DecodedResponseSchema,
});

export type SamlFinding = z.infer<typeof SamlFindingSchema>;
export type SigningCertificate = z.infer<typeof SigningCertificateSchema>;
export type DecodedResponse = z.infer<typeof DecodedResponseSchema>;
export type ValidationReport = z.infer<typeof ValidationReportSchema>;
