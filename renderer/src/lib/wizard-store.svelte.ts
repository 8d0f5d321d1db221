/** The renderer's view of the core's state. Every change goes through the API and comes back from it. */
import type { ApiMethods, Input, Output } from '../../../shared/api/contract';
import type { Profile, StepId } from '../../../shared/api/profile-schemas';
import type { AppError, Result } from '../../../shared/result';
import type { PrefetchingApi } from './prefetch';

export class WizardStore {
  profiles = $state<Profile[]>([]);
  activeProfileId = $state<string | null>(null);
  info = $state<Output<'app.info'> | null>(null);
  loading = $state(true);
  /** An error that stops the whole page (no token, server gone). */
  fatal = $state<AppError | null>(null);
  /** A passing error from the last action, shown in the status region. */
  status = $state<{ kind: 'error' | 'success'; text: string } | null>(null);
  active = $derived(this.profiles.find((p) => p.id === this.activeProfileId) ?? null);

  /** `prefetch` sends the start page's reads as soon as the active profile is known (see prefetch.ts). */
  constructor(
    readonly api: ApiMethods,
    private readonly prefetch: PrefetchingApi['prefetch'] = () => undefined,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    // Both at once: the first screen waits for one round trip, not two.
    const [info, list] = await Promise.all([this.api['app.info']({}), this.api['profile.list']({})]);
    if (!info.ok) {
      this.fatal = info.error;
      this.loading = false;
      return;
    }
    this.info = info.value;
    if (list.ok) {
      const id = list.value.activeProfileId;
      if (id) {
        // What the start page of the active profile asks for first (its status in Overview, the last health run in HealthPanel).
        this.prefetch('profile.status', { id });
        this.prefetch('health.last', { profileId: id });
      }
      this.applyListing(list.value);
    } else this.fatal = list.error;
    this.loading = false;
  }

  /** Re-reads profiles (progress may have changed in the core) without leaving the current view. */
  async refresh(): Promise<void> {
    const list = await this.api['profile.list']({});
    if (list.ok) this.applyListing(list.value);
    else this.report(list);
  }

  private applyListing(listing: Output<'profile.list'>): void {
    this.profiles = listing.profiles;
    this.activeProfileId = listing.activeProfileId;
  }

  private replace(profile: Profile): void {
    this.profiles = this.profiles.map((p) => (p.id === profile.id ? profile : p));
  }

  private report<T>(result: Result<T>, success?: (value: T) => string): Result<T> {
    if (!result.ok) this.status = { kind: 'error', text: `${result.error.message} ${result.error.hint}` };
    else if (success) this.status = { kind: 'success', text: success(result.value) };
    return result;
  }

  async create(input: Input<'profile.create'>, success: (p: Profile) => string): Promise<Result<Profile>> {
    const result = await this.api['profile.create'](input);
    if (result.ok) {
      this.profiles = [...this.profiles, result.value];
      this.activeProfileId = result.value.id;
    }
    return this.report(result, success);
  }

  async update(input: Input<'profile.update'>, success: (p: Profile) => string): Promise<Result<Profile>> {
    const result = await this.api['profile.update'](input);
    if (result.ok) this.replace(result.value);
    return this.report(result, success);
  }

  async remove(id: string, removeKeys = false): Promise<void> {
    const result = await this.api['profile.remove']({ id, removeKeys });
    if (result.ok) this.applyListing(result.value);
    this.report(
      result,
      ({ removed, kept }) =>
        `Removed ${removed[0] ?? 'the profile'}${removed.length > 1 ? ` and its keys: ${removed.slice(1).join('; ')}` : ''}.${kept.length > 0 ? ` Kept on this computer: ${kept.join('; ')}. No profile uses them now; delete them by hand once you no longer need them.` : ''}`,
    );
  }

  async select(id: string): Promise<void> {
    const result = await this.api['profile.select']({ id });
    if (result.ok) this.applyListing(result.value);
    this.report(result);
  }

  async goTo(step: StepId): Promise<void> {
    const profile = this.active;
    if (!profile) return;
    // A success message belongs to the page it was said on ("Created profile …, next: step 1"): it goes when the user moves on.
    if (this.status?.kind === 'success') this.status = null;
    // Move at once; the saved copy follows (and wins) when the core answers.
    this.replace({ ...profile, progress: { ...profile.progress, currentStep: step } });
    const result = await this.api['profile.setStep']({ id: profile.id, step });
    if (result.ok) this.replace(result.value);
    this.report(result);
  }
}
