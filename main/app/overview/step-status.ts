/**
 * Where each step of a profile's repair stands. A domain that knows more than "done or not" (certificate
 * expiry, last sign-in verdict) registers a provider in step-status-providers.ts; the rest fall back to the
 * progress the wizard recorded.
 */
import type { StepStatus } from '../../../shared/api/channels/overview-channels.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { STEPS, type StepId } from '../../../shared/steps.js';
import type { CoreContext } from '../core/core-context.js';

export type StepStatusProvider = (context: CoreContext, profile: Profile) => Promise<StepStatus>;

export function recordedStatus(profile: Profile, step: StepId): StepStatus {
  const info = STEPS.find((s) => s.id === step);
  const done = profile.progress.completed.includes(step);
  if (!done && (profile.progress.failed ?? []).includes(step)) {
    return { step, state: 'attention', headline: `${info?.title}: the latest check failed`, detail: 'Open the step to see what it found and how to fix it.' };
  }
  return { step, state: done ? 'done' : 'todo', headline: done ? `${info?.title}: done` : `${info?.title}: not done yet`, detail: null };
}

/** The first step not done, in the order of the disaster-recovery journey; null when all are done. */
export function nextStep(statuses: readonly StepStatus[]): StepStatus | null {
  return statuses.find((s) => s.state === 'attention') ?? statuses.find((s) => s.state === 'todo') ?? null;
}
