/** The health check of a profile: run it, read the last run, keep the node list. */
import { ok } from '../../../shared/result.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';
import { runHealthCheck } from '../health/health-engine.js';
import { keepNodes, readHealthState } from '../health/health-store.js';

type HealthChannel = 'health.run' | 'health.last' | 'health.setNodes';

export const healthHandlers: Pick<Handlers, HealthChannel> = {
  'health.run': async (input, context) => runHealthCheck(context, input.profileId, { connectTo: input.connectTo, siteIdpCertificatePem: input.siteIdpCertificatePem }),

  'health.last': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const state = await readHealthState(context.dataDir, input.profileId);
    return ok({ run: state.lastRun, nodes: state.nodes });
  },

  'health.setNodes': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    return ok({ nodes: await keepNodes(context.dataDir, input.profileId, input.nodes) });
  },
};
