import * as z from 'zod';
import { channel } from '../channel-spec.js';
import {
  CertExportInputSchema,
  CertImportInputSchema,
  CertStatusSchema,
  CheckedCsrSchema,
  CsrGenerateInputSchema,
  CsrRecordInputSchema,
  StoredCsrSchema,
  CsrGenerateOutputSchema,
  ExportOutputSchema,
  FileInputSchema,
  ImportReportSchema,
} from '../cert-schemas.js';
import { ProfileIdSchema } from '../profile-schemas.js';

export const certChannels = {
  'csr.generate': channel({
    description:
      'Generates a key pair with the platform crypto, stores the private key (OS keychain, or an encrypted PKCS#8 file) and only then returns the CSR.',
    input: CsrGenerateInputSchema,
    output: CsrGenerateOutputSchema,
  }),
  'csr.inspect': channel({
    description: 'Decodes a CSR (made here or elsewhere), checks it against the profile\'s site host and says whether a key stored for the profile belongs to it.',
    input: z.object({ file: FileInputSchema, profileId: ProfileIdSchema.optional() }).strict(),
    output: CheckedCsrSchema.extend({ storedKey: z.boolean() }),
  }),
  'csr.record': channel({
    description: 'Records a CSR made on the site (Generate CSR, Download CSR) as the profile\'s expected key; the private key stays on the site.',
    input: CsrRecordInputSchema,
    output: StoredCsrSchema.extend({ details: CheckedCsrSchema }),
  }),
  'cert.import': channel({
    description: 'Reads the signed certificate (PEM, DER, PKCS#7 or PKCS#12), checks it and saves the chain for the profile.',
    input: CertImportInputSchema,
    output: ImportReportSchema,
  }),
  'cert.export': channel({
    description: 'Exports the imported certificate: chain PEM (leaf first or last), PKCS#12 with key (AES-256), or the AD FS Base64 .cer.',
    input: CertExportInputSchema,
    output: ExportOutputSchema,
  }),
  'certs.status': channel({
    description: 'The CSRs generated for a profile and the imported certificate with its findings.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: CertStatusSchema,
  }),
};
