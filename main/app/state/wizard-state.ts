/** The persisted shape of the wizard's state (version 1). */
import * as z from 'zod';
import { ProfileIdSchema, ProfileSchema } from '../../../shared/api/profile-schemas.js';

export const WizardStateSchema = z.object({
  version: z.literal(1),
  activeProfileId: ProfileIdSchema.nullable(),
  profiles: z.array(ProfileSchema),
});

export type WizardState = z.infer<typeof WizardStateSchema>;

export function emptyState(): WizardState {
  return { version: 1, activeProfileId: null, profiles: [] };
}
