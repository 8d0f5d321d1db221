/** After a test sign-in that would sign in: keep the working configuration, so later checks list what changed. */
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import type { CoreContext } from '../core/core-context.js';
import { currentState, signatureAlgorithmOf } from './good-state.js';
import { keepGoodState } from './health-store.js';

export async function keepGoodStateAfterSignin(context: CoreContext, profileId: string, report: ValidationReport | null | undefined): Promise<void> {
  const state = await currentState(context, profileId, signatureAlgorithmOf(report));
  if (state) await keepGoodState(context.dataDir, profileId, state);
}
