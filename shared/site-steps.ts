/**
 * The actions of the vendor's disaster-recovery procedure that happen on the site's Administration pages, where
 * the wizard cannot act or look: the admin does them there and ticks them here. Order and menu paths are the
 * troubleshooting chapter's ("SSO Fails After Completing Disaster Recovery Operation"); turning SSO off first is
 * from the planning notes (docs/domain.md). The chapter gives no menu path for the SSO settings page, so none is
 * invented: the steps name the page.
 */
export const SITE_STEP_IDS = ['sso-off', 'site-csr', 'import-ssl', 'upload-idp-cert', 'sso-on'] as const;
export type SiteStepId = (typeof SITE_STEP_IDS)[number];

export interface SiteStepInfo {
  id: SiteStepId;
  title: string;
  /** Where on the site's Administration pages. */
  where: string;
  why: string;
  /** How the wizard can confirm it later, when it can; null when only the admin can. */
  confirmedBy: string | null;
  /** Only for path 1 (the site makes the CSR). */
  siteCsrPathOnly: boolean;
}

export const SITE_STEPS: readonly SiteStepInfo[] = [
  {
    id: 'sso-off',
    title: 'Turn SSO off',
    where: 'The site\'s SSO settings page (Administration site): turn SSO off.',
    why: 'Replacing the SSL certificate while SSO is on can leave the SSO configuration pointing at a certificate that is gone.',
    confirmedBy: null,
    siteCsrPathOnly: false,
  },
  {
    id: 'site-csr',
    title: 'Generate and download the CSR on the site',
    where: 'Settings > Security > Certificate > SSL Certificate > Generate CSR, then More Options > Download CSR.',
    why: 'The site keeps the private key; the CSR is what the CA signs. Load it in step 1 so the wizard knows the expected key.',
    confirmedBy: 'Step 1 shows it once the downloaded CSR is loaded.',
    siteCsrPathOnly: true,
  },
  {
    id: 'import-ssl',
    title: 'Import the SSL certificate on the site',
    where: 'Settings > Security > Certificate > More Options (Import SSL Certificate): the chain PEM from step 2.',
    why: 'The site serves the new certificate only once it is imported there; the same certificate goes into AD FS (step 3).',
    confirmedBy: null,
    siteCsrPathOnly: false,
  },
  {
    id: 'upload-idp-cert',
    title: 'Upload the IdP token-signing certificate',
    where: 'The site\'s SSO settings page: the IdP certificate, the AD FS primary token-signing certificate as Base64 .cer.',
    why: 'The site checks every SAML response against it; an old one after a restore gives codes 8 and 23.',
    confirmedBy: 'A test sign-in (step 5) that passes shows the response verifies against the IdP\'s current certificate.',
    siteCsrPathOnly: false,
  },
  {
    id: 'sso-on',
    title: 'Turn SSO on again',
    where: 'The site\'s SSO settings page: turn SSO on.',
    why: 'With SSO off, sign-in fails with "SSO protocol error" (code 1) or "The site is not allowed to use SSO" (code 7).',
    confirmedBy: null,
    siteCsrPathOnly: false,
  },
];
