/** The SSO error catalogue and the SAML engine: decode errors, IdP settings, SP metadata, validate a response. */
import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema } from '../profile-schemas.js';
import { IdpSettingsSchema, IdpSiteCertificatesSchema, SiteIdpCertificateRecordSchema } from '../../saml/idp-settings.js';
import { ValidationReportSchema } from '../../saml/validation-report.js';
import { SsoDecodeResultSchema, SsoErrorEntrySchema, TroubleshootingTopicSchema } from '../../sso-errors/sso-error-schemas.js';
import { MAX_DECODE_INPUT } from '../../sso-errors/error-decoder.js';

export { ValidationReportSchema };

export const samlChannels = {
  'errors.decode': channel({
    description: 'Explains a site SSO error: a code (1-32), the message the site showed, the error page address, or pasted page text.',
    input: z.object({ text: z.string().max(MAX_DECODE_INPUT, 'Paste at most 200,000 characters.') }).strict(),
    output: SsoDecodeResultSchema,
  }),
  'errors.list': channel({
    description: 'The whole SSO error catalogue and the troubleshooting topics.',
    input: z.object({}).strict(),
    output: z.object({ errors: z.array(SsoErrorEntrySchema), topics: z.array(TroubleshootingTopicSchema) }),
  }),
  'idp.import': channel({
    description: 'Imports the IdP from its metadata XML (AD FS FederationMetadata.xml) or its token-signing certificate (PEM or Base64), or downloads the metadata from a URL when one is given explicitly.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        text: z.string().max(4 * 1024 * 1024, 'The metadata is larger than 4 MB; paste FederationMetadata.xml itself.').optional(),
        /** Only fetched because the administrator asked: https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml. */
        url: z.string().trim().max(2048).optional(),
      })
      .strict()
      .refine((input) => (input.text === undefined) !== (input.url === undefined), { message: 'Give either the metadata text or its URL.', path: ['text'] }),
    output: IdpSettingsSchema,
  }),
  'idp.get': channel({
    description: 'The IdP settings of a profile (null before any import).',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: IdpSettingsSchema.nullable(),
  }),
  'idp.update': channel({
    description: 'Sets the IdP entity ID or SSO URL by hand (needed after importing only a certificate).',
    input: z
      .object({
        profileId: ProfileIdSchema,
        entityId: z.string().trim().min(1, 'Enter the IdP entity ID, like http://adfs.example.com/adfs/services/trust.').max(1024).optional(),
        ssoUrl: z.string().trim().regex(/^https?:\/\/\S+$/, 'The SSO URL must start with https:// (or http://).').max(2048).optional(),
      })
      .strict(),
    output: IdpSettingsSchema,
  }),
  'idp.siteCertificates': channel({
    description: '"IdP certificate for the site": the IdP\'s signing certificates from its metadata, which one it signs with now, and the one saved for the site.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: IdpSiteCertificatesSchema,
  }),
  'idp.saveSiteCertificate': channel({
    description: 'The chosen IdP signing certificate as the Base64 .cer the site\'s SSO settings take; records it (with the time) as the one the site holds.',
    input: z.object({ profileId: ProfileIdSchema, sha256Fingerprint: z.string().trim().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i, 'Give the SHA-256 fingerprint as 32 hex pairs separated by colons.') }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), record: SiteIdpCertificateRecordSchema }),
  }),
  'saml.spMetadata': channel({
    description: 'The site\'s SP metadata (EntityDescriptor) for the active profile, with the site certificate when one is imported.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: z.object({ xml: z.string(), fileName: z.string(), hasCertificate: z.boolean(), note: z.string() }),
  }),
  'saml.decode': channel({
    description: 'Validates a pasted SAMLResponse (Base64 as POSTed, or XML) against the profile and its IdP, naming the site error codes.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        samlResponse: z.string().min(1, 'Paste the SAMLResponse value or the XML.').max(8 * 1024 * 1024, 'The response is larger than 8 MB.'),
        binding: z.enum(['POST', 'Redirect', 'GET', 'unknown']).default('POST'),
        requestId: z.string().max(256).optional(),
        skewSeconds: z.number().int().min(0).max(86_400).optional(),
        /** ISO 8601 time to check against instead of now (to re-check a captured response as of its capture). */
        at: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
    output: ValidationReportSchema,
  }),

  // `sso-wizard decode`: the same check as saml.decode, against an IdP and a site given in the request.
  'saml.check': channel({
    description: 'Validates a SAMLResponse offline against the IdP file and the site given in the request (no profile), naming the site error codes.',
    input: z
      .object({
        samlResponse: z.string().min(1, 'Give the SAMLResponse value or the XML.').max(8 * 1024 * 1024, 'The response is larger than 8 MB.'),
        /** The IdP's metadata (FederationMetadata.xml) or its token-signing certificate (PEM, Base64 or DER), Base64 of the file's bytes. */
        idpFileBase64: z.string().min(1, 'Give the IdP metadata or its token-signing certificate.').max(6 * 1024 * 1024, 'The IdP file is larger than 4 MB.'),
        idpEntityId: z.string().min(1).max(1024).optional(),
        siteUrl: z.string().min(1).max(2048),
        spEntityId: z.string().min(1).max(1024).optional(),
        acsUrl: z.string().min(1).max(2048).optional(),
        binding: z.enum(['POST', 'Redirect', 'GET', 'unknown']).default('POST'),
        requestId: z.string().max(256).optional(),
        skewSeconds: z.number().int().min(0).max(86_400).optional(),
        at: z.string().datetime({ offset: true }).optional(),
        /** The site's private key (PEM), to decrypt an encrypted assertion. */
        spPrivateKeyPem: z.string().max(64 * 1024).optional(),
      })
      .strict(),
    output: z.object({ report: ValidationReportSchema, notes: z.array(z.string()) }),
  }),
};
