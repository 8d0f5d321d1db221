/** What every step component receives from the wizard. */
import type { ApiMethods } from '../../../shared/api/contract';
import type { Profile, StepId } from '../../../shared/api/profile-schemas';

export interface StepProps {
  profile: Profile;
  api: ApiMethods;
  ongo: (step: StepId) => void;
  /** Ask the wizard to reload the profile list (after a handler changed progress). */
  onchanged: () => Promise<void>;
}
