/**
 * Keeps a step's form in a draft on the core, so going to another step, closing the window or a crash
 * loses nothing typed. Call during component set-up; never put secrets (passphrases) in a draft.
 */
import type { ApiMethods } from '../../../shared/api/contract';

export function persistDraft<T extends object>(
  /** Read once when the component is set up; the wizard re-creates step components per profile and step. */
  target: () => { api: ApiMethods; profileId: string },
  key: string,
  read: () => T,
  apply: (saved: Partial<T>) => void,
  delayMs = 400,
): { loaded: () => boolean; clear: () => Promise<void> } {
  const { api, profileId } = target();
  let loaded = $state(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  void api['draft.get']({ profileId, key }).then((result) => {
    if (result.ok && result.value.value && typeof result.value.value === 'object') apply(result.value.value as Partial<T>);
    loaded = true;
  });

  $effect(() => {
    const snapshot = JSON.stringify(read());
    if (!loaded) return;
    clearTimeout(timer);
    timer = setTimeout(() => void api['draft.save']({ profileId, key, value: JSON.parse(snapshot) }), delayMs);
    return () => clearTimeout(timer);
  });

  return {
    loaded: () => loaded,
    clear: async () => {
      clearTimeout(timer);
      await api['draft.save']({ profileId, key, value: null });
    },
  };
}
