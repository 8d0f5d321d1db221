/**
 * Schemas of the AD FS export (step 3) and the attribute checks (step 4): the per-profile settings the
 * administrator edits, and what crosses the contract.
 */
import * as z from 'zod';
import { StepIdSchema } from './profile-schemas.js';

/** The five attributes the site requires (site SSO documentation: firstname, lastname, email, uid, SAML_SUBJECT). */
export const REQUIRED_ATTRIBUTE_NAMES = ['firstname', 'lastname', 'email', 'uid', 'SAML_SUBJECT'] as const;
export type RequiredAttributeName = (typeof REQUIRED_ATTRIBUTE_NAMES)[number];

/**
 * An LDAP attribute's lDAPDisplayName (MS-ADTS §3.1.1.2.3: letters, digits and hyphens, starting with a
 * letter). Keeping it that strict also keeps it safe inside the claim rule's query string.
 */
export const LdapAttributeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'An LDAP attribute is a name like mail, givenName or userPrincipalName (letters, digits, hyphens).');

export const LdapMappingSchema = z.object({
  firstname: LdapAttributeSchema,
  lastname: LdapAttributeSchema,
  email: LdapAttributeSchema,
  uid: LdapAttributeSchema,
  SAML_SUBJECT: LdapAttributeSchema,
});
export type LdapMapping = z.infer<typeof LdapMappingSchema>;

/** Published mapping for the site with AD FS: Given-Name, Surname, E-Mail-Addresses (domain notes). */
export const DEFAULT_LDAP_MAPPING: LdapMapping = {
  firstname: 'givenName',
  lastname: 'sn',
  email: 'mail',
  uid: 'mail',
  SAML_SUBJECT: 'mail',
};

/** Values of -SigningCertificateRevocationCheck / -EncryptionCertificateRevocationCheck (ADFS module docs). */
export const REVOCATION_CHECKS = [
  'None',
  'CheckEndCert',
  'CheckEndCertCacheOnly',
  'CheckChain',
  'CheckChainCacheOnly',
  'CheckChainExcludeRoot',
  'CheckChainExcludeRootCacheOnly',
] as const;

/** Values of -SamlResponseSignature (ADFS module docs). */
export const SAML_RESPONSE_SIGNATURES = ['AssertionOnly', 'MessageAndAssertion', 'MessageOnly'] as const;

/**
 * The ones the wizard offers: MessageOnly leaves the assertion unsigned, which the site refuses (code 20).
 * A stored MessageOnly (from an older version) still reads, and blocks the export until it is changed.
 */
export const OFFERED_SAML_RESPONSE_SIGNATURES = ['AssertionOnly', 'MessageAndAssertion'] as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A free-text AD FS name (relying-party display name, access control policy name). */
const AdfsNameSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(200, `The ${what} is at most 200 characters.`)
    .refine((value) => !CONTROL.test(value), `The ${what} must not contain line breaks or control characters.`);

export const AdfsSettingsSchema = z.object({
  /** Display name of the relying party trust in AD FS; the script finds an existing trust by it. */
  relyingPartyName: AdfsNameSchema('relying-party name'),
  ldapAttributes: LdapMappingSchema,
  /** AD FS 2016+ access control policy; "Permit everyone" is the built-in default policy. */
  accessControlPolicyName: AdfsNameSchema('access control policy name'),
  /** Webex's own AD FS guidance sets both revocation checks to None on the relying party. */
  revocationCheck: z.enum(REVOCATION_CHECKS),
  samlResponseSignature: z.enum(SAML_RESPONSE_SIGNATURES),
  /** Also import the site certificate as the encryption certificate (AD FS then encrypts assertions). */
  encryptAssertions: z.boolean(),
});
export type AdfsSettings = z.infer<typeof AdfsSettingsSchema>;

export const AdfsSettingsPatchSchema = z.object({
  relyingPartyName: AdfsSettingsSchema.shape.relyingPartyName.optional(),
  ldapAttributes: LdapMappingSchema.partial().optional(),
  accessControlPolicyName: AdfsSettingsSchema.shape.accessControlPolicyName.optional(),
  revocationCheck: AdfsSettingsSchema.shape.revocationCheck.optional(),
  samlResponseSignature: z
    .enum(SAML_RESPONSE_SIGNATURES)
    .refine((value) => value !== 'MessageOnly', 'MessageOnly leaves the assertion unsigned, which the site refuses (error code 20): choose AssertionOnly or MessageAndAssertion.')
    .optional(),
  encryptAssertions: z.boolean().optional(),
});
export type AdfsSettingsPatch = z.infer<typeof AdfsSettingsPatchSchema>;

export const BUNDLE_FILE_KINDS = ['certificate', 'metadata', 'script', 'token-signing-script', 'claim-rules', 'readme'] as const;

export const BundleFileSchema = z.object({
  name: z.string(),
  kind: z.enum(BUNDLE_FILE_KINDS),
  content: z.string(),
  /** Where the file goes on the AD FS side, in one or two sentences. */
  destination: z.string(),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

/** Something that must be done before the export can be complete, and the wizard step that does it. */
export const ExportBlockerSchema = z.object({
  what: z.string(),
  message: z.string(),
  step: StepIdSchema,
});
export type ExportBlocker = z.infer<typeof ExportBlockerSchema>;

export const AdfsPreviewSchema = z.object({
  folderName: z.string(),
  files: z.array(BundleFileSchema),
  blockers: z.array(ExportBlockerSchema),
  /** What the bundle can be exported with, but will likely fail on the AD FS side; same shape as a blocker. */
  warnings: z.array(ExportBlockerSchema),
  settings: AdfsSettingsSchema,
});

export const AdfsExportResultSchema = z.object({
  folder: z.string(),
  zip: z.string(),
  files: z.array(z.string()),
  warnings: z.array(ExportBlockerSchema),
});

export const FINDING_STATUSES = ['sent', 'conditional', 'missing', 'wrong', 'unknown'] as const;

export const AttributeFindingSchema = z.object({
  attribute: z.enum([...REQUIRED_ATTRIBUTE_NAMES, 'NameID']),
  status: z.enum(FINDING_STATUSES),
  sentAs: z.string().nullable(),
  format: z.string().nullable(),
  source: z.string().nullable(),
  ruleName: z.string().nullable(),
  problem: z.string().nullable(),
  siteErrorCodes: z.array(z.number().int()),
  fixRule: z.string().nullable(),
});
export type AttributeFinding = z.infer<typeof AttributeFindingSchema>;

export const RulesAnalysisSchema = z.object({
  /** "generated": the wizard's own rules; "pasted": rules the admin pasted from AD FS; "metadata": IdP metadata only. */
  basis: z.enum(['generated', 'pasted', 'metadata']),
  ruleCount: z.number().int(),
  findings: z.array(AttributeFindingSchema),
  extraClaims: z.array(z.string()),
  notes: z.array(z.string()),
  allPresent: z.boolean(),
});
export type RulesAnalysis = z.infer<typeof RulesAnalysisSchema>;
