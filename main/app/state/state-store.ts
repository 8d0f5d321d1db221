/**
 * Loads and saves the wizard state file. Every update re-reads the file, so the CLI and a running
 * browser-mode server see each other's changes; updates inside one process are queued so none is lost.
 * A file that cannot be parsed is moved aside (never overwritten) and reported once.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';
import { emptyState, WizardStateSchema, type WizardState } from './wizard-state.js';

export const STATE_FILE_NAME = 'state.json';

export class StateStore {
  readonly file: string;
  /** Set when an unreadable state file was kept aside: the sentence to show the user. */
  warning: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private cleaned = false;

  constructor(readonly dataDir: string, private readonly now: () => Date = () => new Date()) {
    this.file = path.join(dataDir, STATE_FILE_NAME);
  }

  async read(): Promise<WizardState> {
    await ensureDirectory(this.dataDir);
    if (!this.cleaned) {
      this.cleaned = true;
      await removeStaleTempFiles(this.file);
    }
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw error;
    }
    const parsed = parseState(text);
    if (parsed.ok) return parsed.state;
    const aside = `${this.file}.unreadable-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(this.file, aside);
    this.warning = `The state file ${this.file} could not be read (${parsed.problem}). It was kept as ${aside} and the wizard started with no profiles.`;
    return emptyState();
  }

  /** Applies `change` to the current state and writes the result atomically; returns what `change` returned. */
  update<T>(change: (state: WizardState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const state = await this.read();
      const result = change(state);
      await writeFileAtomic(this.file, `${JSON.stringify(WizardStateSchema.parse(state), null, 2)}\n`);
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parseState(text: string): { ok: true; state: WizardState } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  const result = WizardStateSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, problem: `field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, state: result.data };
}
