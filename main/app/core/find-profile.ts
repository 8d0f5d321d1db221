/** The profile a request names, or the not-found result every handler gives for an unknown ID. */
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { CoreContext } from './core-context.js';

export async function findProfile(context: CoreContext, profileId: string, field = 'profileId'): Promise<Result<Profile>> {
  const state = await context.state.read();
  const profile = state.profiles.find((candidate) => candidate.id === profileId);
  if (!profile) {
    return appError('not-found', {
      message: `No profile has the ID ${profileId}.`,
      hint: 'Create a profile first, or list the profiles and use one of their IDs.',
      field,
    });
  }
  return ok(profile);
}
