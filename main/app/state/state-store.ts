/**
 * The wizard state file (`state.json` in the data folder), through the one JSON file store: every update
 * re-reads the file under a lock, so the CLI and a running browser mode see each other's changes and neither
 * loses the other's; an unreadable file is kept aside (never overwritten) and reported once in `warning`.
 */
import path from 'node:path';
import { ensureDirectory } from '../../platform/ensure-directory.js';
import { JsonFileStore } from '../../platform/json-file-store.js';
import { emptyState, WizardStateSchema, type WizardState } from './wizard-state.js';

export const STATE_FILE_NAME = 'state.json';

export class StateStore {
  readonly file: string;
  private readonly store: JsonFileStore<WizardState>;

  constructor(
    readonly dataDir: string,
    now: () => Date = () => new Date(),
    options: { staleLockMs?: number } = {},
  ) {
    this.file = path.join(dataDir, STATE_FILE_NAME);
    this.store = new JsonFileStore({
      file: this.file,
      schema: WizardStateSchema,
      empty: emptyState,
      label: 'The state file',
      afterKeptAside: 'the wizard started with no profiles',
      now,
      ...options,
    });
  }

  /** Set when an unreadable state file was kept aside: the sentence to show the user. */
  get warning(): string | null {
    return this.store.warning;
  }

  /** Makes sure the data folder can be used (an unusable one is reported now, not at the first write). */
  async read(): Promise<WizardState> {
    await ensureDirectory(this.dataDir);
    return (await this.store.read()).value;
  }

  /** Applies `change` to the current state and writes the result atomically; returns what `change` returned. */
  async update<T>(change: (state: WizardState) => T): Promise<T> {
    return (await this.store.update((state) => change(state))).result;
  }
}
