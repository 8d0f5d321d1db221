import * as z from 'zod';
import { channel } from '../channel-spec.js';
import {
  AdfsExportResultSchema,
  AdfsPreviewSchema,
  AdfsSettingsPatchSchema,
  AdfsSettingsSchema,
  RulesAnalysisSchema,
} from '../adfs-schemas.js';
import { ProfileIdSchema } from '../profile-schemas.js';
import { SamlFindingSchema } from '../../saml/validation-report.js';

export const adfsChannels = {
  'adfs.settings': channel({
    description: 'The profile\'s AD FS settings (relying-party name, LDAP attribute per claim, access control policy, revocation checks).',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: AdfsSettingsSchema,
  }),
  'adfs.saveSettings': channel({
    description: 'Changes AD FS settings of the profile; unset fields keep their value.',
    input: z.object({ profileId: ProfileIdSchema, settings: AdfsSettingsPatchSchema.strict() }).strict(),
    output: AdfsSettingsSchema,
  }),
  'adfs.preview': channel({
    description: 'Every file of the AD FS bundle (name, content, where it goes), and what must be done first when the bundle cannot be complete.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: AdfsPreviewSchema,
  }),
  'adfs.export': channel({
    description: 'Writes the AD FS bundle as a folder named after the site host and the same as a .zip, in the folder given or the profile\'s export folder.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        outDir: z.string().trim().min(1, 'Enter the folder to export to.').max(4096, 'The folder path is too long.').optional(),
      })
      .strict(),
    output: AdfsExportResultSchema,
  }),
  'attributes.analyzeRules': channel({
    description:
      'Before any sign-in: which required attributes AD FS will send, with which names and formats, from the wizard\'s rules or rules pasted from AD FS, and the IdP metadata.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        /** generated: the wizard's rules; pasted: rulesText; metadata: another SAML IdP, from its metadata only. Default: pasted when rulesText is given. */
        source: z.enum(['generated', 'pasted', 'metadata']).optional(),
        /** Rules as Get-AdfsRelyingPartyTrust prints them; absent = the wizard's own rules. */
        rulesText: z.string().max(256 * 1024, 'The rules text is longer than 256 KB; paste only the relying party\'s issuance transform rules.').optional(),
        /** IdP metadata (XML) for the offered claims and NameID formats; absent = the profile's saved IdP metadata, if any. */
        idpMetadataXml: z.string().max(2 * 1024 * 1024, 'The metadata is larger than 2 MB.').optional(),
      })
      .strict(),
    output: RulesAnalysisSchema,
  }),
  'attributes.checkResponse': channel({
    description:
      'After a sign-in or from a pasted SAML response: the actual NameID and attribute values against the site\'s rules, each failure with its site error code and the claim rule that fixes it.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        samlResponse: z.string().min(1, 'Paste the SAML response (Base64 or XML).').max(4 * 1024 * 1024, 'The response is larger than 4 MB.'),
      })
      .strict(),
    output: z.object({
      passes: z.boolean(),
      nameId: z.string().nullable(),
      nameIdFormat: z.string().nullable(),
      attributes: z.record(z.string(), z.array(z.string())),
      extraAttributes: z.array(z.string()),
      findings: z.array(SamlFindingSchema.extend({ fixRule: z.string().nullable() })),
      notes: z.array(z.string()),
    }),
  }),
};
