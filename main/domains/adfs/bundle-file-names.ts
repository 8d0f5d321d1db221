/** Names of the files in the AD FS bundle, all carrying the site host so copies on the AD FS server stay apart. */
export interface BundleFileNames {
  folder: string;
  certificate: string;
  metadata: string;
  script: string;
  tokenSigningScript: string;
  claimRules: string;
  readme: string;
}

export function bundleFileNames(host: string): BundleFileNames {
  // host is a validated DNS name (shared/hostname.ts) with an optional :port; ":" is not allowed in Windows file names.
  const base = host.replace(/:/g, '_');
  return {
    folder: base,
    certificate: `${base}.cer`,
    metadata: `${base}-sp-metadata.xml`,
    script: `${base}-adfs-relying-party.ps1`,
    tokenSigningScript: `${base}-export-adfs-token-signing.ps1`,
    claimRules: `${base}-claim-rules.txt`,
    readme: 'README.txt',
  };
}
