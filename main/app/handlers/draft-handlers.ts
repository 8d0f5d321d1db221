import { ok } from '../../../shared/result.js';
import { DraftStore } from '../state/draft-store.js';
import type { Handlers } from '../core/dispatcher.js';

export const draftHandlers: Pick<Handlers, 'draft.get' | 'draft.save'> = {
  'draft.get': async (input, context) => ok(await new DraftStore(context.dataDir, input.profileId).get(input.key)),
  'draft.save': async (input, context) => ok({ savedAt: await new DraftStore(context.dataDir, input.profileId).save(input.key, input.value, context.now()) }),
};
