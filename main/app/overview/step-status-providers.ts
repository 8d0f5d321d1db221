/** The step-status providers of each domain; a step without one reports the recorded progress. */
import type { StepId } from '../../../shared/steps.js';
import { csrStatus, importStatus } from './providers/certificate-status.js';
import { signinStatus } from './providers/signin-status.js';
import type { StepStatusProvider } from './step-status.js';

export const STEP_STATUS_PROVIDERS: Partial<Record<StepId, StepStatusProvider>> = {
  csr: csrStatus,
  import: importStatus,
  test: signinStatus,
};
