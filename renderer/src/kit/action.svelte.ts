/**
 * The busy/error idiom of every button that calls the core, once: `busy` while a call runs (to disable the
 * button and show progress), `error` holding the last call's error (for ErrorNotice) until the next call.
 * A call that throws (a lost connection, a bug) becomes an error too, so no button is left busy forever.
 *
 *   const saving = new ActionState();
 *   const result = await saving.run(() => api['idp.update']({ ... }));
 *   if (result.ok) ...
 *   <button disabled={saving.busy}>…</button> <ErrorNotice error={saving.error} />
 */
import { appError } from '../../../shared/app-errors';
import type { AppError, Result } from '../../../shared/result';

export class ActionState {
  busy = $state(false);
  error = $state<AppError | null>(null);

  async run<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    this.busy = true;
    this.error = null;
    let result: Result<T>;
    try {
      result = await call();
    } catch (thrown) {
      result = appError('internal', {
        message: `The wizard did not answer: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        hint: 'Try again; if it repeats, restart the wizard.',
      });
    } finally {
      this.busy = false;
    }
    if (!result.ok) this.error = result.error;
    return result;
  }

  /** Forgets the last error (the input it was about changed). */
  clear(): void {
    this.error = null;
  }
}
