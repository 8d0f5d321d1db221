/** The identity provider a profile trusts, as stored in idp.json and sent over the contract. */
import * as z from 'zod';

export const IdpCertificateSchema = z.object({
  pem: z.string(),
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  use: z.enum(['signing', 'encryption']).nullable(),
});

export const IdpEndpointSchema = z.object({ binding: z.string(), location: z.string() });

/**
 * Which IdP certificate the administrator saved for the site's SSO settings, and when: the health check compares
 * the IdP's current signing certificate against this record.
 */
export const SiteIdpCertificateRecordSchema = z.object({
  sha256Fingerprint: z.string(),
  subject: z.string(),
  notAfter: z.string(),
  /** ISO 8601. */
  savedAt: z.string(),
  fileName: z.string(),
});

export const IdpSettingsSchema = z.object({
  /** Where it came from: federation metadata, or a bare token-signing certificate. */
  source: z.enum(['metadata', 'certificate']),
  entityId: z.string().nullable(),
  /** The SSO URL the wizard sends AuthnRequests to (HTTP-Redirect endpoint preferred). */
  ssoUrl: z.string().nullable(),
  singleSignOnServices: z.array(IdpEndpointSchema),
  singleLogoutServices: z.array(IdpEndpointSchema),
  /** Every signing certificate: AD FS publishes the primary and the secondary during a rollover. */
  signingCertificates: z.array(IdpCertificateSchema),
  nameIdFormats: z.array(z.string()),
  offeredClaims: z.array(z.object({ uri: z.string(), displayName: z.string().nullable() })),
  warnings: z.array(z.string()),
  importedAt: z.string(),
  /** The URL the metadata was imported from (absent for a pasted file): the health check reads it again. */
  metadataUrl: z.string().optional(),
  /** The IdP certificate saved for the site ("IdP certificate for the site"); absent until one is saved. */
  siteCertificate: SiteIdpCertificateRecordSchema.optional(),
});

/** One IdP signing certificate as the "IdP certificate for the site" panel shows it. */
export const IdpSigningCertificateViewSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  state: z.enum(['valid', 'expired', 'not-yet-valid']),
  /** true: the last test sign-in was signed with it; false: with another; null: not known (no sign-in yet). */
  signsNow: z.boolean().nullable(),
  /** The one the administrator saved for the site. */
  savedForSite: z.boolean(),
});

export const IdpSiteCertificatesSchema = z.object({
  entityId: z.string().nullable(),
  certificates: z.array(IdpSigningCertificateViewSchema),
  /** Where "signs now" comes from, in words (the last test sign-in and its time), or why it is not known. */
  signsNowSource: z.string(),
  saved: SiteIdpCertificateRecordSchema.nullable(),
});

export type SiteIdpCertificateRecord = z.infer<typeof SiteIdpCertificateRecordSchema>;
export type IdpSiteCertificates = z.infer<typeof IdpSiteCertificatesSchema>;

export type IdpSettings = z.infer<typeof IdpSettingsSchema>;
