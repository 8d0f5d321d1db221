/**
 * Where the repair of a profile stands, computed from each step's latest result, the site-side checklist and
 * the last test sign-in. "Repaired" is said only when all three agree; until then the next action says what is open.
 */
import type { ProfileStatus } from '../../../shared/api/channels/overview-channels.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { STEPS } from '../../../shared/steps.js';
import type { CoreContext } from '../core/core-context.js';
import { openSiteSteps, siteChecklist } from './site-checklist.js';
import { nextStep, recordedStatus } from './step-status.js';
import { STEP_STATUS_PROVIDERS } from './step-status-providers.js';

export async function profileStatus(context: CoreContext, profile: Profile): Promise<ProfileStatus> {
  const steps = await Promise.all(
    STEPS.map(async (step) => {
      const provider = STEP_STATUS_PROVIDERS[step.id];
      return provider ? provider(context, profile) : recordedStatus(profile, step.id);
    }),
  );
  const checklist = await siteChecklist(context, profile);
  const next = nextStep(steps);
  const open = openSiteSteps(checklist);
  // Step 5's provider reports "done" only while the latest test sign-in would sign in.
  const repaired = next === null && checklist.complete;
  let nextAction: string;
  if (next) {
    const title = STEPS.find((s) => s.id === next.step)?.title;
    nextAction = `Next: step ${STEPS.findIndex((s) => s.id === next.step) + 1}, ${title}.${open.length ? ` On the site, still to confirm: ${open.join('; ')}.` : ''}`;
  } else if (!repaired) {
    nextAction = `The IdP side checks out; confirm on the site: ${open.join('; ')}.`;
  } else {
    nextAction = 'Single sign-on is repaired: every step passes, the site-side checklist is complete and the last test sign-in would sign in.';
  }
  return { profileId: profile.id, steps, nextStep: next?.step ?? null, nextAction, checklist, repaired };
}
