/**
 * The site-side actions of the DR procedure as a checklist: the fixed list (shared/site-steps.ts), which of them
 * apply to this profile (the site's own CSR only on path 1) and when the admin ticked each one.
 */
import type { SiteChecklist } from '../../../shared/api/channels/site-step-channels.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { SITE_STEPS } from '../../../shared/site-steps.js';
import { CertStore } from '../../domains/certs/cert-store.js';
import type { CoreContext } from '../core/core-context.js';

export async function siteChecklist(context: CoreContext, profile: Profile): Promise<SiteChecklist> {
  const state = await new CertStore(context.dataDir, profile.id).read();
  const expected = state.ok ? state.value.csrs.at(-1) : undefined;
  // Path 2 (key and CSR made here) skips the site's Generate CSR; with no CSR yet, the vendor's path 1 is assumed.
  const keyMadeHere = expected?.source === 'wizard';
  const items = SITE_STEPS.map((step) => ({
    step: step.id,
    title: step.title,
    where: step.where,
    why: step.why,
    confirmedBy: step.confirmedBy,
    applies: !(step.siteCsrPathOnly && keyMadeHere),
    // The wizard sees the site's CSR itself once it is loaded in step 1: that counts as the tick.
    doneAt: (profile.siteSteps ?? []).find((done) => done.step === step.id)?.doneAt ?? (step.id === 'site-csr' && expected?.source === 'site' ? expected.createdAt : null),
  }));
  return { items, complete: items.every((item) => !item.applies || item.doneAt !== null) };
}

/** "Turn SSO off, Import the SSL certificate on the site": what is still open, in the procedure's order. */
export function openSiteSteps(checklist: SiteChecklist): string[] {
  return checklist.items.filter((item) => item.applies && item.doneAt === null).map((item) => item.title);
}
