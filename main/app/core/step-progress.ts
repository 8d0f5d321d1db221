/**
 * Records each wizard step's LATEST result, for any domain's handlers, through the same atomic state store. A
 * step that passes is marked done; one that fails afterwards is taken out again, so "done" is never sticky.
 */
import type { StepId } from '../../../shared/api/profile-schemas.js';
import type { StateStore } from '../state/state-store.js';

export async function recordStepResult(state: StateStore, profileId: string, step: StepId, passed: boolean, now: Date): Promise<void> {
  await state.update((current) => {
    const profile = current.profiles.find((p) => p.id === profileId);
    if (!profile) return;
    const done = profile.progress.completed.includes(step);
    const failed = profile.progress.failed ?? [];
    if (done === passed && failed.includes(step) === !passed) return;
    profile.progress.completed = passed ? [...profile.progress.completed.filter((id) => id !== step), step] : profile.progress.completed.filter((id) => id !== step);
    profile.progress.failed = passed ? failed.filter((id) => id !== step) : [...failed.filter((id) => id !== step), step];
    profile.updatedAt = now.toISOString();
  });
}

/** A step whose latest result passed. */
export async function markStepComplete(state: StateStore, profileId: string, step: StepId, now: Date): Promise<void> {
  await recordStepResult(state, profileId, step, true, now);
}
