/**
 * Which component fills each step. A step without one shows "not built yet". Each step component receives
 * the active profile, the API and a callback to move to another step.
 */
import type { Component } from 'svelte';
import type { ApiMethods } from '../../../shared/api/contract';
import type { Profile, StepIdValue } from '../../../shared/api/profile-schemas';
import type { StepId } from '../../../shared/steps';
import CsrStep from './CsrStep.svelte';
import ImportStep from './ImportStep.svelte';
import AdfsStep from './AdfsStep.svelte';
import AttributesStep from './AttributesStep.svelte';
import TestSignInStep from './TestSignInStep.svelte';

export interface StepProps {
  profile: Profile;
  api: ApiMethods;
  ongo: (step: StepIdValue) => void;
  /** Ask the wizard to reload the profile list (after a handler changed progress). */
  onchanged: () => Promise<void>;
}

export const STEP_COMPONENTS: Partial<Record<StepId, Component<StepProps>>> = {
  csr: CsrStep,
  import: ImportStep,
  adfs: AdfsStep,
  attributes: AttributesStep,
  test: TestSignInStep,
};
