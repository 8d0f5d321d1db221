/** Schemas of certificate work (wizard steps 1 and 2): what is asked for, what is stored, what crosses the contract. */
import * as z from 'zod';
import { hostnameProblem } from '../hostname.js';
import { ProfileIdSchema } from './profile-schemas.js';

export const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384'] as const;
export const KeyTypeSchema = z.enum(KEY_TYPES);
export type KeyType = z.infer<typeof KeyTypeSchema>;

export const SIGNATURE_HASHES = ['sha256', 'sha384', 'sha512'] as const;
export const SignatureHashSchema = z.enum(SIGNATURE_HASHES);
export type SignatureHash = z.infer<typeof SignatureHashSchema>;

/** Largest file the wizard reads (certificates, CSRs and PFX files are a few kB; this leaves room for big bundles). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/**
 * A file crossing the contract: its name (for messages) and its bytes as base64. The schema bounds the string
 * loosely so the handler can refuse an oversized file with a message that names it.
 */
export const FileInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the file a name.').max(255, 'A file name is at most 255 characters.'),
  base64: z.string().max(Math.ceil((MAX_INPUT_BYTES * 4) / 3) * 2 + 16, 'The file is far larger than any certificate file.'),
});
export type FileInput = z.infer<typeof FileInputSchema>;

/** X.520 upper bounds (RFC 5280 Appendix A, ub-* values). */
const dnField = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is at most ${max} characters (RFC 5280 Appendix A).`).optional();

export const SubjectInputSchema = z.object({
  commonName: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined || value === '') return;
      if (value.length > 64) ctx.addIssue({ code: 'custom', message: 'The common name is at most 64 characters (RFC 5280 ub-common-name); put longer names in the SANs.' });
      const problem = hostnameProblem(value, { allowWildcard: true });
      if (problem) ctx.addIssue({ code: 'custom', message: `The common name "${value}" ${problem}.` });
    }),
  organization: dnField('Organization (O)', 64),
  organizationalUnit: dnField('Organizational unit (OU)', 64),
  locality: dnField('Locality (L)', 128),
  state: dnField('State or province (ST)', 128),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .refine((value) => value === undefined || value === '' || /^[A-Z]{2}$/.test(value), 'Country (C) is a two-letter ISO 3166 code, like US or DE.'),
  email: z
    .string()
    .trim()
    .max(128, 'The email address is at most 128 characters.')
    .optional()
    .refine((value) => value === undefined || value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'The email address must look like admin@example.com.'),
});

export const SanSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    const problem = hostnameProblem(value, { allowWildcard: true });
    if (problem) ctx.addIssue({ code: 'custom', message: `The alternative name "${value}" ${problem}.` });
  });

export const KeyCustodyChoiceSchema = z.enum(['keychain', 'file']);

export const PassphraseSchema = z
  .string()
  .min(12, 'Use a passphrase of at least 12 characters: it protects a private key.')
  .max(1024, 'A passphrase is at most 1024 characters.');

export const CsrGenerateInputSchema = z
  .object({
    profileId: ProfileIdSchema,
    keyType: KeyTypeSchema.default('rsa-3072'),
    hash: SignatureHashSchema.default('sha256'),
    subject: SubjectInputSchema.default({}),
    extraSans: z.array(SanSchema).max(100, 'At most 100 alternative names.').default([]),
    custody: KeyCustodyChoiceSchema.default('keychain'),
    /** Only for custody "file": protects the PKCS#8 file. */
    passphrase: PassphraseSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.custody === 'file' && value.passphrase === undefined) {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'Saving the key as a file needs a passphrase to encrypt it.' });
    }
  });

export const KeyDescriptionSchema = z.object({
  algorithm: z.enum(['RSA', 'ECDSA', 'other']),
  /** RSA modulus bits, or the curve's size. */
  bits: z.number().int().nullable(),
  curve: z.string().nullable(),
  text: z.string(),
});
export type KeyDescription = z.infer<typeof KeyDescriptionSchema>;

export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info', 'ok']),
  /** A stable identifier, for tests and for the CLI's --json consumers. */
  id: z.string(),
  what: z.string(),
  fix: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const NameEntrySchema = z.object({ short: z.string(), value: z.string() });

export const CsrDetailsSchema = z.object({
  subject: z.string(),
  subjectEntries: z.array(NameEntrySchema),
  commonName: z.string().nullable(),
  sans: z.array(z.string()),
  key: KeyDescriptionSchema,
  signatureAlgorithm: z.string(),
  signatureValid: z.boolean(),
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex: links a CSR, its key and the certificate. */
  publicKeyHash: z.string(),
});
export type CsrDetails = z.infer<typeof CsrDetailsSchema>;

export const KeyReferenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keychain'), service: z.string(), account: z.string() }),
  /** An encrypted PKCS#8 file kept in the profile folder (relative name) and handed to the user. */
  z.object({ kind: z.literal('file'), file: z.string() }),
]);
export type KeyReference = z.infer<typeof KeyReferenceSchema>;

/** Where a CSR was made: on the site (its Generate CSR page; the key never leaves the site) or here. */
export const CsrSourceSchema = z.enum(['site', 'wizard']);

/** One CSR of the profile; the newest is the expected key, older ones stay listed. */
export const StoredCsrSchema = z.object({
  id: z.string(),
  /** When it was made here, or when the site's CSR was loaded. */
  createdAt: z.string(),
  keyType: z.string(),
  csrPem: z.string(),
  publicKeyHash: z.string(),
  source: CsrSourceSchema.default('wizard'),
  /** The file a site-made CSR was loaded from, for the listing. */
  fileName: z.string().nullable().default(null),
  /** Null for a site-made CSR: the wizard never holds that key. */
  keyReference: KeyReferenceSchema.nullable(),
});
export type StoredCsr = z.infer<typeof StoredCsrSchema>;

/** A CSR decoded and judged: the same findings (and words) step 2 gives the certificate issued from it. */
export const CheckedCsrSchema = CsrDetailsSchema.extend({ findings: z.array(FindingSchema) });
export type CheckedCsr = z.infer<typeof CheckedCsrSchema>;

export const CsrRecordInputSchema = z
  .object({
    profileId: ProfileIdSchema,
    /** The CSR downloaded from the site (More Options > Download CSR), PEM or DER. */
    file: FileInputSchema,
  })
  .strict();

export const CsrGenerateOutputSchema = z.object({
  csrPem: z.string(),
  fileName: z.string(),
  details: CheckedCsrSchema,
  keyReference: KeyReferenceSchema,
  /** Custody "file": the encrypted PKCS#8 PEM for the user to save, and its suggested name. */
  encryptedKey: z.object({ fileName: z.string(), pem: z.string() }).nullable(),
  /** Why the key went to a file although the keychain was asked for (keychain missing or locked). */
  keychainProblem: z.string().nullable(),
});


export const CertificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sans: z.array(z.string()),
  key: KeyDescriptionSchema,
  signatureAlgorithm: z.string(),
  sha256Fingerprint: z.string(),
  publicKeyHash: z.string(),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

export const InputFormatSchema = z.enum(['pem', 'der', 'pkcs7', 'pkcs12']);
export type InputFormat = z.infer<typeof InputFormatSchema>;

export const CertImportInputSchema = z
  .object({
    profileId: ProfileIdSchema,
    /** The signed certificate, and optionally files with intermediates; any of PEM, DER, PKCS#7, PKCS#12. */
    files: z.array(FileInputSchema).min(1, 'Choose the certificate file, or paste it.').max(10, 'At most 10 files at once.'),
    /** PKCS#12 password. */
    password: z.string().max(1024).optional(),
    /** Roots the user trusts besides the system (Mozilla) store, e.g. a private CA. */
    extraRoots: z.array(FileInputSchema).max(10).default([]),
    /** Passphrase of a key kept as an encrypted file (custody "file"), to check the match. */
    keyPassphrase: z.string().max(1024).optional(),
    /** Confirms replacing a current certificate that has no errors with one that has (or matches no key). */
    replace: z.boolean().default(false),
  })
  .strict();

export const ImportedStateSchema = z.object({
  importedAt: z.string(),
  /** The report as of the import; certs.status re-judges the dates against the current clock. */
  report: z.lazy(() => ImportReportSchema),
  sourceFiles: z.array(z.string()),
  format: InputFormatSchema,
  chainPem: z.array(z.string()),
  rootPem: z.string().nullable(),
  keyMatched: z.boolean(),
  matchedCsrId: z.string().nullable(),
  keyReference: KeyReferenceSchema.nullable(),
  publicKeyHash: z.string(),
});
export type ImportedState = z.infer<typeof ImportedStateSchema>;

export const ImportReportSchema = z.object({
  format: InputFormatSchema,
  /** Each file's own format, in the order the files were given (a PEM chain beside a DER certificate). */
  fileFormats: z.array(InputFormatSchema).default([]),
  leaf: CertificateSummarySchema,
  chain: z.array(CertificateSummarySchema),
  root: CertificateSummarySchema.nullable(),
  findings: z.array(FindingSchema),
  /** The certificate belongs to the expected key (or to a key the wizard holds). */
  keyMatched: z.boolean(),
  /** Who holds the private key: the site (CSR made there), the wizard (made here, or from a PFX), or unknown. */
  keyHolder: z.enum(['site', 'wizard', 'unknown']).default('unknown'),
  /** The CSR whose key the certificate carries; `latest` false for an older one. */
  matchedCsr: z.object({ id: z.string(), source: CsrSourceSchema, createdAt: z.string(), latest: z.boolean() }).nullable().default(null),
  saved: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const EXPORT_FORMATS = ['chain-leaf-first', 'chain-leaf-last', 'pfx', 'adfs-cer'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const CertExportInputSchema = z
  .object({
    profileId: ProfileIdSchema,
    format: ExportFormatSchema,
    /** PFX: the passphrase that protects the exported file. */
    passphrase: PassphraseSchema.optional(),
    /** Passphrase of a key kept as an encrypted file. */
    keyPassphrase: z.string().max(1024).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.format === 'pfx' && value.passphrase === undefined) {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'A PFX export needs a passphrase to protect it.' });
    }
  });

export const ExportOutputSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  base64: z.string(),
  description: z.string(),
});

export const CertStatusSchema = z.object({
  /** Oldest first; the last one is the expected key. */
  csrs: z.array(StoredCsrSchema.extend({ details: CheckedCsrSchema })),
  imported: ImportReportSchema.extend({ importedAt: z.string(), sourceFiles: z.array(z.string()) }).nullable(),
});
