/**
 * The AD FS bundle of a site: the site certificate as a Base64 .cer, the SP metadata, the PowerShell script
 * for the relying party trust, the script that exports the AD FS token-signing certificate for the site, the
 * claim rules and the README, built together from one set of values (so the README and the scripts can never
 * disagree), then written as a folder named after the site host and the same folder as a .zip.
 * A certificate AD FS cannot take (expired, not yet valid) or a response signature that leaves the assertion
 * unsigned blocks the bundle: a trust built on it would fail later and obscurely. A non-RSA key is a warning.
 */
import path from 'node:path';
import type { AdfsSettings, BundleFile, ExportBlocker } from '../../../shared/api/adfs-schemas.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';
import { buildAdfsReadme } from './adfs-readme-builder.js';
import { bundleFileNames } from './bundle-file-names.js';
import { base64CerFile } from './certificate-base64.js';
import { buildClaimRules, buildClaimRulesText } from './claim-rules-builder.js';
import { buildPowerShellScript } from './powershell-script-builder.js';
import { siteCertificateFacts, siteCertificateProblems } from './site-certificate-facts.js';
import { buildTokenSigningScript } from './token-signing-script-builder.js';
import { buildZip } from './zip-writer.js';

export interface BundleSite {
  host: string;
  siteUrl: string;
  spEntityId: string;
  acsUrl: string;
}

export interface BundleInput {
  site: BundleSite;
  settings: AdfsSettings;
  /** The imported site certificate, or null when step 2 has not been done. */
  certificate: { leafPem: string } | null;
  /** The SAML engine's SP metadata builder (main/domains/saml/sp-metadata-builder.ts), passed in. */
  buildSpMetadata: (input: {
    spEntityId: string;
    acsUrl: string;
    certificatePem?: string;
    wantAssertionsSigned?: boolean;
    authnRequestsSigned?: boolean;
    encryptionCertificatePem?: string;
  }) => string;
  generator: string;
  /** The clock the certificate's validity is checked against. */
  now: Date;
}

export interface AdfsBundle {
  folderName: string;
  files: BundleFile[];
  /** What must be done before the bundle is complete; the export refuses while this is not empty. */
  blockers: ExportBlocker[];
  /** What the export goes ahead with, but AD FS will likely refuse in use (an ECDSA request-signing key). */
  warnings: ExportBlocker[];
}

export function buildAdfsBundle(input: BundleInput): AdfsBundle {
  const { site, settings } = input;
  const names = bundleFileNames(site.host);
  const rulesText = buildClaimRulesText(settings.ldapAttributes).replace(/\n/g, '\r\n');
  const rulesFile: BundleFile = {
    name: names.claimRules,
    kind: 'claim-rules',
    content: rulesText,
    destination:
      'AD FS Management > Relying Party Trusts > the site\'s trust > Edit Claim Issuance Policy > Add Rule > "Send Claims Using a Custom Rule": paste one rule at a time. The script sets the same rules.',
  };
  const cer = input.certificate ? base64CerFile(input.certificate.leafPem) : null;
  const facts = input.certificate && cer !== null ? siteCertificateFacts(input.certificate.leafPem) : null;
  if (!input.certificate || cer === null || facts === null) {
    return {
      folderName: names.folder,
      files: [rulesFile],
      warnings: [],
      blockers: [
        {
          what: 'site certificate',
          message: input.certificate
            ? 'The imported site certificate could not be read as PEM, so the bundle cannot include it.'
            : 'No site certificate is imported for this profile yet, so the bundle cannot include the certificate, the metadata or the script.',
          step: 'import',
        },
      ],
    };
  }
  const problems = siteCertificateProblems(facts, input.now).map(({ blocks, ...problem }) => ({ blocks, problem: { ...problem, step: problem.what.endsWith('key type') ? ('csr' as const) : ('import' as const) } }));
  const blockers: ExportBlocker[] = problems.filter((each) => each.blocks).map((each) => each.problem);
  const warnings: ExportBlocker[] = problems.filter((each) => !each.blocks).map((each) => each.problem);
  if (settings.samlResponseSignature === 'MessageOnly') {
    blockers.push({
      what: 'response signature',
      message: 'The response signature is MessageOnly, which leaves the assertion unsigned; the site requires a signed assertion (error code 20). Choose AssertionOnly or MessageAndAssertion below.',
      step: 'adfs',
    });
  }
  const leafPem = input.certificate.leafPem;
  const metadata = input.buildSpMetadata({
    spEntityId: site.spEntityId,
    acsUrl: site.acsUrl,
    certificatePem: leafPem,
    wantAssertionsSigned: true,
    // The site signs its AuthnRequests; the trust's request-signing certificate exists to check them.
    authnRequestsSigned: true,
    ...(settings.encryptAssertions ? { encryptionCertificatePem: leafPem } : {}),
  });
  const script = buildPowerShellScript({ ...site, settings, certificatePem: leafPem, certificateFileName: names.certificate, claimRulesText: rulesText, generator: input.generator });
  const tokenSigningScript = buildTokenSigningScript({ host: site.host, generator: input.generator });
  const readme = buildAdfsReadme({ ...site, settings, names, generator: input.generator, rules: buildClaimRules(settings.ldapAttributes) });
  return {
    folderName: names.folder,
    blockers,
    warnings,
    files: [
      {
        name: names.certificate,
        kind: 'certificate',
        content: cer,
        destination: `The relying party's Signature tab (request-signing certificate)${settings.encryptAssertions ? ' and Encryption tab' : ''}. The script imports it for you.`,
      },
      {
        name: names.metadata,
        kind: 'metadata',
        content: metadata,
        destination: 'Add Relying Party Trust > "Import data about the relying party from a file" (console only; the script sets the same values).',
      },
      {
        name: names.script,
        kind: 'script',
        content: script,
        destination: 'Run on the primary AD FS server in Windows PowerShell opened with "Run as administrator", first with -WhatIf to see every change. Safe to run twice.',
      },
      {
        name: names.tokenSigningScript,
        kind: 'token-signing-script',
        content: tokenSigningScript,
        destination: 'Run on an AD FS server: it writes the AD FS token-signing certificate(s) as Base64 .cer files; upload the one marked primary on the site\'s SSO settings.',
      },
      rulesFile,
      { name: names.readme, kind: 'readme', content: readme, destination: 'Read first: the files, the values, and the console steps that match the script.' },
    ],
  };
}

/** Bytes as written: the script and README get a UTF-8 BOM, because Windows PowerShell 5.1 reads BOM-less files as ANSI. */
function fileBytes(file: BundleFile): Uint8Array {
  const withBom = file.kind === 'script' || file.kind === 'token-signing-script' || file.kind === 'readme';
  return new Uint8Array(Buffer.from(`${withBom ? '\uFEFF' : ''}${file.content}`, 'utf8'));
}

export interface WrittenBundle {
  folder: string;
  zip: string;
  files: string[];
}

/** Writes <outDir>/<host>/… and <outDir>/<host>.zip; re-exporting replaces the same files. */
export async function writeAdfsBundle(bundle: AdfsBundle, outDir: string, now: Date): Promise<WrittenBundle> {
  const folder = path.join(outDir, bundle.folderName);
  await ensureDirectory(folder, 0o755);
  const files: string[] = [];
  for (const file of bundle.files) {
    const target = path.join(folder, file.name);
    // Public material only (certificate, metadata, script, rules): readable by the admin who copies it.
    await writeFileAtomic(target, fileBytes(file), 0o644);
    files.push(target);
  }
  const zip = path.join(outDir, `${bundle.folderName}.zip`);
  const entries = bundle.files.map((file) => ({ name: `${bundle.folderName}/${file.name}`, data: fileBytes(file) }));
  await writeFileAtomic(zip, buildZip(entries, now), 0o644);
  return { folder, zip, files };
}
