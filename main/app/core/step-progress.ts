/** Marks wizard steps done, for any domain's handlers, through the same atomic state store. */
import type { StepId } from '../../../shared/api/profile-schemas.js';
import type { StateStore } from '../state/state-store.js';

export async function markStepComplete(state: StateStore, profileId: string, step: StepId, now: Date): Promise<void> {
  await state.update((current) => {
    const profile = current.profiles.find((p) => p.id === profileId);
    if (!profile || profile.progress.completed.includes(step)) return;
    profile.progress.completed.push(step);
    profile.updatedAt = now.toISOString();
  });
}
