/** The site-side checklist: list it, tick or untick one action (the time of the tick is kept). */
import { ok } from '../../../shared/result.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';
import { siteChecklist } from '../overview/site-checklist.js';

export const siteStepHandlers: Pick<Handlers, 'site-steps.list' | 'site-steps.set'> = {
  'site-steps.list': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    return profile.ok ? ok(await siteChecklist(context, profile.value)) : profile;
  },
  'site-steps.set': async (input, context) => {
    const found = await findProfile(context, input.profileId);
    if (!found.ok) return found;
    const at = context.now().toISOString();
    await context.state.update((state) => {
      const profile = state.profiles.find((p) => p.id === input.profileId);
      if (!profile) return;
      const ticked = profile.siteSteps ?? [];
      const others = ticked.filter((done) => done.step !== input.step);
      // Ticking again keeps the first time: it says when the action was done on the site.
      const earlier = ticked.find((done) => done.step === input.step);
      profile.siteSteps = input.done ? [...others, earlier ?? { step: input.step, doneAt: at }] : others;
      profile.updatedAt = at;
    });
    const updated = await findProfile(context, input.profileId);
    return updated.ok ? ok(await siteChecklist(context, updated.value)) : updated;
  },
};
