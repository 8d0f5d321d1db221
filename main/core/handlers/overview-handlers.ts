import { ok } from '../../../shared/result.js';
import { profileStatus } from '../../overview/profile-status.js';
import { buildDiagnosticReport } from '../../report/diagnostic-report.js';
import type { Handlers } from '../dispatcher.js';
import { findProfile } from '../find-profile.js';

export const overviewHandlers: Pick<Handlers, 'profile.status' | 'report.generate'> = {
  'profile.status': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    return profile.ok ? ok(await profileStatus(context, profile.value)) : profile;
  },
  'report.generate': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    if (!profile.ok) return profile;
    return ok(await buildDiagnosticReport(context, profile.value, { maskPersonalData: input.maskPersonalData }));
  },
};
