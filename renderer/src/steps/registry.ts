/**
 * Which component fills each step. A step without one shows "not built yet". Each step component receives
 * the active profile, the API and a callback to move to another step.
 */
import type { Component } from 'svelte';
import type { StepId } from '../../../shared/steps';
import CsrStep from './CsrStep.svelte';
import ImportStep from './ImportStep.svelte';
import AdfsStep from './AdfsStep.svelte';
import AttributesStep from './AttributesStep.svelte';
import TestSignInStep from './TestSignInStep.svelte';
import type { StepProps } from './step-props';

export const STEP_COMPONENTS: Partial<Record<StepId, Component<StepProps>>> = {
  csr: CsrStep,
  import: ImportStep,
  adfs: AdfsStep,
  attributes: AttributesStep,
  test: TestSignInStep,
};
