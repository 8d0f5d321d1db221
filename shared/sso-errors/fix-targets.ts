/**
 * Where in the wizard a finding's fix is made: one of the five steps, or the "IdP certificate for the site" panel
 * (the IdP's token-signing certificate, saved as the Base64 .cer the site's SSO settings take). Codes 4, 8, 15,
 * 23 and 24 are fixed on the site with the IdP's certificate or entity ID, which step 3 (the site → AD FS
 * bundle) cannot do.
 */
import { STEP_IDS, stepInfo, type StepId } from '../steps.js';

export const IDP_CERTIFICATE_PANEL = 'idp-certificate' as const;
export const FIX_TARGETS = [...STEP_IDS, IDP_CERTIFICATE_PANEL] as const;
export type FixTarget = (typeof FIX_TARGETS)[number];

export const IDP_CERTIFICATE_PANEL_TITLE = 'IdP certificate for the site';

export function isStepTarget(target: FixTarget): target is StepId {
  return target !== IDP_CERTIFICATE_PANEL;
}

/** What a fix changes, and where: each catalogue code names one; each target says which it can make. */
export const REMEDIES = ['claim-rules', 'relying-party', 'idp-trust-on-site', 'site-certificate', 'fresh-sign-in'] as const;
export type Remedy = (typeof REMEDIES)[number];

/** What each place in the wizard can actually change (read from what it builds or saves). */
export const FIX_TARGET_MAKES: Readonly<Record<FixTarget, readonly Remedy[]>> = {
  csr: ['site-certificate'],
  import: ['site-certificate'],
  adfs: ['relying-party'],
  attributes: ['claim-rules'],
  test: ['fresh-sign-in'],
  'idp-certificate': ['idp-trust-on-site'],
};

/** "step 3, AD FS export" or "the \u201cIdP certificate for the site\u201d panel (steps 4 and 5)": where a fix is made, in words. */
export function fixTargetLabel(target: FixTarget): string {
  if (!isStepTarget(target)) return `the "${IDP_CERTIFICATE_PANEL_TITLE}" panel (steps 4 and 5, and Decode an error; CLI: sso-wizard idp-certificate)`;
  const step = stepInfo(target);
  return `step ${step.number}, ${step.title}`;
}
