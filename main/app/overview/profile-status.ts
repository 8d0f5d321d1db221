import type { ProfileStatus } from '../../../shared/api/channels/overview-channels.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { STEPS } from '../../../shared/steps.js';
import type { CoreContext } from '../core/core-context.js';
import { nextStep, recordedStatus } from './step-status.js';
import { STEP_STATUS_PROVIDERS } from './step-status-providers.js';

export async function profileStatus(context: CoreContext, profile: Profile): Promise<ProfileStatus> {
  const steps = await Promise.all(
    STEPS.map(async (step) => {
      const provider = STEP_STATUS_PROVIDERS[step.id];
      return provider ? provider(context, profile) : recordedStatus(profile, step.id);
    }),
  );
  const next = nextStep(steps);
  const title = next ? STEPS.find((s) => s.id === next.step)?.title : null;
  return {
    profileId: profile.id,
    steps,
    nextStep: next?.step ?? null,
    nextAction: next ? `Next: step ${STEPS.findIndex((s) => s.id === next.step) + 1}, ${title}.` : 'All five steps are done: single sign-on is repaired.',
  };
}
