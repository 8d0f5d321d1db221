import { hostFileName } from '../../platform/host-file-name.js';

/** Names of the files in the AD FS bundle, all carrying the site host so copies on the AD FS server stay apart. */
export interface BundleFileNames {
  folder: string;
  certificate: string;
  metadata: string;
  script: string;
  claimRules: string;
  readme: string;
}

export function bundleFileNames(host: string): BundleFileNames {
  return {
    folder: hostFileName(host),
    certificate: hostFileName(host, '.cer'),
    metadata: hostFileName(host, '-sp-metadata.xml'),
    script: hostFileName(host, '-adfs-relying-party.ps1'),
    claimRules: hostFileName(host, '-claim-rules.txt'),
    readme: 'README.txt',
  };
}
