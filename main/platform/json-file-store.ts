/**
 * One JSON file the app keeps, read and written one way everywhere:
 *
 * - reads are checked against a zod schema handed in, so no caller ever sees a shape it did not declare;
 * - updates in one process run one at a time per file (a queue per file, shared by every store object on it);
 * - updates across processes (the CLI beside a running browser mode) take a lock on the file for the whole
 *   read-modify-write (proper-lockfile: a `<file>.lock` folder, created atomically by mkdir(2), refreshed
 *   while held, taken over once it is older than `staleMs` because its holder died);
 * - writes are atomic (atomic-file.ts: a reader or a restart sees the old content or the new, never a torn file);
 * - a damaged file (not JSON, or not the schema) has one outcome: it is kept aside as
 *   `<name>.unreadable-<time>`, never overwritten, the store goes on from the empty value, and `warning` holds
 *   the sentence to show the user.
 *
 * Reads take no lock: an atomic rename means a reader always sees a whole file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import { ensureDirectory } from './ensure-directory.js';

export interface JsonFileStoreOptions<T> {
  /** The file, e.g. `<data dir>/profiles/<id>/certs.json`. Its folder is created on the first write. */
  readonly file: string;
  readonly schema: z.ZodType<T>;
  /** The value when there is no file (or after a damaged one was kept aside). */
  readonly empty: () => T;
  /** What the file holds, for the warning: "The state file", "The certificate state". */
  readonly label: string;
  /** What happens after a damaged file is kept aside: "the wizard started with no profiles". */
  readonly afterKeptAside: string;
  readonly now?: () => Date;
  /** Pretty-printed JSON (2 spaces) or one line; files people may open by hand are pretty. */
  readonly pretty?: boolean;
  /** A lock older than this is taken over (its holder died). proper-lockfile's floor is 2000 ms. */
  readonly staleLockMs?: number;
}

/** A damaged file that was kept aside. */
export interface KeptAside {
  readonly file: string;
  readonly aside: string;
  /** Why it could not be read: "it is not valid JSON", "field csrs.0.id: Invalid input…". */
  readonly problem: string;
  /** The sentence for the user: the file, the problem, where it was kept, and what happens now. */
  readonly warning: string;
}

export interface Loaded<T> {
  readonly value: T;
  /** Set when this read found the file damaged and kept it aside. */
  readonly keptAside: KeptAside | null;
}

const DEFAULT_STALE_LOCK_MS = 10_000;
/** Enough for dozens of writers queued on one file on a loaded machine (about a minute in all). */
const LOCK_RETRIES = { retries: 400, factor: 1.3, minTimeout: 5, maxTimeout: 150, randomize: true };

/** One queue per file in this process: every JsonFileStore on the same path shares it. */
const queues = new Map<string, Promise<unknown>>();

export class JsonFileStore<T> {
  readonly file: string;
  /** The sentence about the last damaged file this store kept aside, or null. */
  warning: string | null = null;
  private readonly options: JsonFileStoreOptions<T>;
  private cleaned = false;

  constructor(options: JsonFileStoreOptions<T>) {
    this.options = options;
    this.file = path.resolve(options.file);
  }

  /** The current value: the empty one when there is no file; a damaged file is kept aside (under the lock). */
  async read(): Promise<Loaded<T>> {
    const first = await this.readFile();
    if (first.ok) return { value: first.value, keptAside: null };
    // Damaged: keep it aside under the lock, after reading again (another process may have just replaced it).
    return this.exclusive(() => this.readOrKeepAside());
  }

  /**
   * Reads, applies `change` (which mutates the value in place), checks the result against the schema and
   * writes it, all under this file's queue and lock. Returns what `change` returned, the value written, and the
   * damaged file this update kept aside, if any (then `change` got the empty value).
   */
  update<R>(change: (value: T, keptAside: KeptAside | null) => R | Promise<R>): Promise<{ result: R; value: T; keptAside: KeptAside | null }> {
    return this.exclusive(async () => {
      const loaded = await this.readOrKeepAside();
      const result = await change(loaded.value, loaded.keptAside);
      const value = await this.writeChecked(loaded.value);
      return { result, value, keptAside: loaded.keptAside };
    });
  }

  /** Like `update`, for a value replaced rather than mutated: `next` returns the value to write. */
  replace(next: (value: T, keptAside: KeptAside | null) => T | Promise<T>): Promise<{ value: T; keptAside: KeptAside | null }> {
    return this.exclusive(async () => {
      const loaded = await this.readOrKeepAside();
      const value = await this.writeChecked(await next(loaded.value, loaded.keptAside));
      return { value, keptAside: loaded.keptAside };
    });
  }

  /** Replaces the whole value (checked against the schema), under the queue and the lock. */
  write(value: T): Promise<T> {
    return this.exclusive(() => this.writeChecked(value));
  }

  private async writeChecked(value: T): Promise<T> {
    const checked = this.options.schema.parse(value);
    const text = this.options.pretty === false ? JSON.stringify(checked) : `${JSON.stringify(checked, null, 2)}\n`;
    await writeFileAtomic(this.file, text);
    return checked;
  }

  /** Runs `work` after every earlier one on this file in this process, holding the file's lock across processes. */
  private exclusive<R>(work: () => Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      await ensureDirectory(path.dirname(this.file));
      let compromised: Error | null = null;
      // Imported on the first write, not with the store: a command that only reads (decode, check) never loads it.
      const { default: lockfile } = await import('proper-lockfile');
      const release = await lockfile.lock(this.file, {
        realpath: false,
        stale: Math.max(this.options.staleLockMs ?? DEFAULT_STALE_LOCK_MS, 2000),
        retries: LOCK_RETRIES,
        // The default throws from a timer (an uncaught exception); note it and fail this update instead.
        onCompromised: (error) => {
          compromised = error;
        },
      });
      try {
        if (!this.cleaned) {
          // Under the lock no other writer is mid-write, so any temporary file left beside ours is a dead one.
          this.cleaned = true;
          await removeStaleTempFiles(this.file, { anyProcess: true });
        }
        const result = await work();
        if (compromised) throw new Error(`The lock on ${this.file} was lost while writing; retry.`, { cause: compromised });
        return result;
      } finally {
        await release().catch(() => undefined);
      }
    };
    const previous = queues.get(this.file) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    queues.set(this.file, settled);
    void settled.then(() => {
      if (queues.get(this.file) === settled) queues.delete(this.file);
    });
    return next;
  }

  /** Call only while holding the lock. */
  private async readOrKeepAside(): Promise<Loaded<T>> {
    const read = await this.readFile();
    if (read.ok) return { value: read.value, keptAside: null };
    const aside = await this.keepAside();
    const warning = `${this.options.label} ${this.file} could not be read (${read.problem}). It was kept as ${aside} and ${this.options.afterKeptAside}.`;
    this.warning = warning;
    return { value: this.options.empty(), keptAside: { file: this.file, aside, problem: read.problem, warning } };
  }

  private async readFile(): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: this.options.empty() };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'it is not valid JSON' };
    }
    const parsed = this.options.schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }

  /** Renames the damaged file to a name no earlier kept-aside file has, so none is ever overwritten. */
  private async keepAside(): Promise<string> {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (let n = 1; ; n++) {
      const aside = `${this.file}.unreadable-${stamp}${n === 1 ? '' : `-${n}`}`;
      const taken = await fs.stat(aside).then(
        () => true,
        () => false,
      );
      if (taken) continue;
      await fs.rename(this.file, aside);
      return aside;
    }
  }
}
