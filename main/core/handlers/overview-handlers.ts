import { appError } from '../../../shared/app-errors.js';
import { ok } from '../../../shared/result.js';
import { profileStatus } from '../../overview/profile-status.js';
import { buildDiagnosticReport } from '../../report/diagnostic-report.js';
import type { CoreContext } from '../core-context.js';
import type { Handlers } from '../dispatcher.js';

async function findProfile(context: CoreContext, id: string) {
  const state = await context.state.read();
  return state.profiles.find((p) => p.id === id) ?? null;
}

const notFound = (id: string) => appError('not-found', { message: `No profile has the ID ${id}.`, hint: 'List the profiles and use one of their IDs.', field: 'id' });

export const overviewHandlers: Pick<Handlers, 'profile.status' | 'report.generate'> = {
  'profile.status': async (input, context) => {
    const profile = await findProfile(context, input.id);
    return profile ? ok(await profileStatus(context, profile)) : notFound(input.id);
  },
  'report.generate': async (input, context) => {
    const profile = await findProfile(context, input.id);
    if (!profile) return notFound(input.id);
    return ok(await buildDiagnosticReport(context, profile, { maskPersonalData: input.maskPersonalData }));
  },
};
