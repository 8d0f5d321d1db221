/** Which profile a command acts on: --profile <id|name>, or the active one. */
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { callCore } from './call-core.js';
import type { CommandContext } from './command.js';

export async function resolveProfile(context: CommandContext, ref: string | undefined): Promise<Result<Profile>> {
  const listing = await callCore(context, 'profile.list', {});
  if (!listing.ok) return listing;
  const { profiles, activeProfileId } = listing.value;
  if (ref === undefined) {
    const active = profiles.find((p) => p.id === activeProfileId);
    if (active) return ok(active);
    return appError('not-found', {
      message: 'No profile is active.',
      hint: 'Create one: sso-wizard profile add --name "Production" --site-url https://meet.example.com (or pass --profile).',
      field: 'profile',
    });
  }
  const profile = profiles.find((p) => p.id === ref) ?? profiles.find((p) => p.name.toLowerCase() === ref.toLowerCase());
  if (profile) return ok(profile);
  return appError('not-found', { message: `No profile has the ID or name "${ref}".`, hint: 'Run "sso-wizard profile list" to see the profiles.', field: 'profile' });
}
