import type { ParsedInput } from '../../../shared/api/contract.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { defaultServiceProvider, parseSiteUrl } from '../../../shared/site-url.js';
import type { WizardState } from '../state/wizard-state.js';
import type { Handlers } from '../core/dispatcher.js';
import { profileLeftovers, removeProfileData } from '../state/profile-leftovers.js';

type ProfileChannel = 'profile.list' | 'profile.create' | 'profile.update' | 'profile.remove' | 'profile.select' | 'profile.setStep';

function listing(state: WizardState) {
  return { profiles: state.profiles, activeProfileId: state.activeProfileId };
}

class ProfileError extends Error {
  constructor(readonly result: Result<never>) {
    super('profile error');
  }
}

function find(state: WizardState, id: string): Profile {
  const profile = state.profiles.find((candidate) => candidate.id === id);
  if (!profile) {
    throw new ProfileError(appError('not-found', { message: `No profile has the ID ${id}.`, hint: 'List the profiles and use one of their IDs.', field: 'id' }));
  }
  return profile;
}

function assertNameFree(state: WizardState, name: string, exceptId?: string): void {
  const taken = state.profiles.some((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    throw new ProfileError(appError('conflict', { message: `A profile named "${name}" already exists.`, hint: 'Choose another name.', field: 'name' }));
  }
}

/** Runs a state change, turning a ProfileError into its result. */
async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ProfileError) return error.result;
    throw error;
  }
}

function siteIdentity(siteUrl: string, spEntityId: string | undefined, acsUrl: string | undefined) {
  const url = parseOrThrow(siteUrl);
  const defaults = defaultServiceProvider(url);
  return {
    siteUrl: url.href,
    host: url.host,
    spEntityId: spEntityId || defaults.spEntityId,
    acsUrl: acsUrl || defaults.acsUrl,
  };
}

export const profileHandlers: Pick<Handlers, ProfileChannel> = {
  'profile.list': async (_input, { state }) => ok(listing(await state.read())),

  'profile.create': (input, { state, now, newId }) =>
    guarded(() =>
      state.update((current) => {
        assertNameFree(current, input.name);
        const stamp = now().toISOString();
        const profile: Profile = {
          id: newId(),
          name: input.name,
          ...siteIdentity(input.siteUrl, input.spEntityId, input.acsUrl),
          createdAt: stamp,
          updatedAt: stamp,
          progress: { currentStep: 'csr', completed: [] },
        };
        current.profiles.push(profile);
        current.activeProfileId = profile.id;
        return profile;
      }),
    ),

  'profile.update': (input: ParsedInput<'profile.update'>, { state, now }) =>
    guarded(() =>
      state.update((current) => {
        const profile = find(current, input.id);
        if (input.name !== undefined) {
          assertNameFree(current, input.name, profile.id);
          profile.name = input.name;
        }
        const siteChanged = input.siteUrl !== undefined;
        // When the site URL changes, identities that were the old defaults follow it; edited ones stay.
        const old = defaultServiceProvider(parseOrThrow(profile.siteUrl));
        const keepEntity = input.spEntityId ?? (siteChanged && profile.spEntityId === old.spEntityId ? '' : profile.spEntityId);
        const keepAcs = input.acsUrl ?? (siteChanged && profile.acsUrl === old.acsUrl ? '' : profile.acsUrl);
        Object.assign(profile, siteIdentity(input.siteUrl ?? profile.siteUrl, keepEntity, keepAcs));
        profile.updatedAt = now().toISOString();
        return profile;
      }),
    ),

  'profile.remove': async (input, context) => {
    const listed = await context.state.read();
    const profile = listed.profiles.find((candidate) => candidate.id === input.id);
    if (!profile) return appError('not-found', { message: `No profile has the ID ${input.id}.`, hint: 'List the profiles and use one of their IDs.', field: 'id' });
    const leftovers = await profileLeftovers(context.dataDir, profile.id);
    let removed: string[] = [];
    if (input.removeKeys) {
      // Keys first: if the keychain cannot be reached, nothing is removed and the user can decide.
      const gone = await removeProfileData(context.outside.keychain, context.dataDir, profile.id, leftovers.references);
      if (!gone.ok) {
        return appError('storage-failed', {
          message: `The keys of "${profile.name}" could not be removed: ${gone.error.message}`,
          hint: 'Unlock the OS keychain and try again, or remove the profile and keep its keys (without removing keys).',
          field: 'removeKeys',
        });
      }
      removed = gone.value;
    }
    const result = await guarded(() =>
      context.state.update((current) => {
        const found = find(current, input.id);
        current.profiles = current.profiles.filter((candidate) => candidate !== found);
        if (current.activeProfileId === found.id) current.activeProfileId = current.profiles[0]?.id ?? null;
        return listing(current);
      }),
    );
    if (!result.ok) return result;
    return ok({ ...result.value, removed: [`profile "${profile.name}"`, ...removed], kept: input.removeKeys ? [] : leftovers.description });
  },

  'profile.select': (input, { state }) =>
    guarded(() =>
      state.update((current) => {
        current.activeProfileId = find(current, input.id).id;
        return listing(current);
      }),
    ),

  'profile.setStep': (input, { state, now }) =>
    guarded(() =>
      state.update((current) => {
        const profile = find(current, input.id);
        profile.progress.currentStep = input.step;
        profile.updatedAt = now().toISOString();
        return profile;
      }),
    ),
};

/** Site URLs reaching here were validated by the contract's schema (or stored after it), so this cannot fail. */
function parseOrThrow(siteUrl: string) {
  const parsed = parseSiteUrl(siteUrl);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.url;
}
