/** The identity provider a profile trusts, as stored in idp.json and sent over the contract. */
import { z } from 'zod';

export const IdpCertificateSchema = z.object({
  pem: z.string(),
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  use: z.enum(['signing', 'encryption']).nullable(),
});

export const IdpEndpointSchema = z.object({ binding: z.string(), location: z.string() });

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
});

export type IdpSettings = z.infer<typeof IdpSettingsSchema>;
