/**
 * Runs one function of one module on a worker thread, with a time limit and a memory cap, so parsing an
 * untrusted file can neither freeze the event loop that serves browser mode nor run for ever: past the limit
 * the worker is terminated (terminate() stops JavaScript even inside a tight loop) and the next job gets a new
 * one. Between jobs the worker stays warm (loading the parsers costs more than most parses) without keeping the
 * process alive; jobs run one at a time, in order.
 */
import vm from 'node:vm';
import type { Worker } from 'node:worker_threads';

export type WorkerOutcome<T> =
  | { ok: true; value: T }
  /** timeoutMs: the limit that was applied (a runner may apply a shorter one than asked for). */
  | { ok: false; reason: 'timeout'; message: string; timeoutMs: number }
  | { ok: false; reason: 'failed'; message: string };

export interface WorkerJob {
  /** The module to load in the worker (a module without side effects beyond its imports). */
  module: URL;
  exportName: string;
  /** Structured-cloneable arguments (Uint8Array, strings, plain objects). */
  args: unknown[];
  /**
   * The same module by a literal import, for runInline: a bundler follows it, so the calling thread loads the
   * bundled copy instead of a second one from `module` (a worker can only be given the URL).
   */
  load?: () => Promise<Record<string, unknown>>;
}

export interface WorkerLimits {
  timeoutMs: number;
}

/**
 * The signature of runInWorker and runInline: how a parser of untrusted input is run, with a time limit. Handed
 * to the core by each front door (Outside.runParser), so the choice is the door's, not a hidden default.
 */
export type WorkerRunner = <T>(job: WorkerJob, limits: WorkerLimits) => Promise<WorkerOutcome<T>>;

/** V8 old-space cap for the worker: a hostile file that balloons ends the worker, not the app. */
const MAX_HEAP_MB = 512;

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}

let warm: Worker | null = null;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  const entry = new URL(`./worker-entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // Node's worker_threads is loaded with the first worker, not with this module: a CLI command runs its parsers
  // inline (runInline) and never pays for it.
  const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
  const worker = new WorkerThread(entry, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
  worker.unref();
  const forget = () => {
    if (warm === worker) warm = null;
  };
  worker.once('exit', forget);
  worker.once('error', forget);
  return worker;
}

function runOne<T>(job: WorkerJob, limits: WorkerLimits): Promise<WorkerOutcome<T>> {
  const worker = (warm ??= startWorker());
  const id = nextId++;
  return new Promise((resolve) => {
    const finish = (outcome: WorkerOutcome<T>, stop: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (stop) {
        if (warm === worker) warm = null;
        void worker.terminate();
      }
      resolve(outcome);
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== id) return;
      finish(reply.ok ? { ok: true, value: reply.value as T } : { ok: false, reason: 'failed', message: reply.message ?? 'failed' }, false);
    };
    const onError = (error: Error) => finish({ ok: false, reason: 'failed', message: error.message }, true);
    const onExit = (code: number) => finish({ ok: false, reason: 'failed', message: `the worker ended (exit code ${code}) without an answer` }, true);
    const timer = setTimeout(() => finish(timedOut(limits), true), limits.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, moduleUrl: job.module.href, exportName: job.exportName, args: job.args });
  });
}

export function runInWorker<T>(job: WorkerJob, limits: WorkerLimits): Promise<WorkerOutcome<T>> {
  // The time limit counts from when the job starts, not while it waits for the one before it.
  const result = queue.then(() => runOne<T>(job, limits));
  queue = result.catch(() => undefined);
  return result;
}

function timedOut<T>(limits: WorkerLimits): WorkerOutcome<T> {
  return { ok: false, reason: 'timeout', message: `stopped after ${limits.timeoutMs} ms`, timeoutMs: limits.timeoutMs };
}

/**
 * The same job in the calling thread, for a one-shot command whose process serves nothing else (the CLI): no
 * worker to start (about 100 ms of CPU on this kind of machine, more than the whole check of a typical response),
 * and still a watchdog. Node's vm timeout ends the synchronous part of the call even inside a tight loop (it
 * terminates the JavaScript running in this thread: https://nodejs.org/api/vm.html#scriptrunincontextcontextifiedobject-options);
 * an asynchronous tail is raced against the rest of the limit.
 */
export async function runInline<T>(job: WorkerJob, limits: WorkerLimits): Promise<WorkerOutcome<T>> {
  let run: (...args: unknown[]) => unknown;
  try {
    const module = job.load ? await job.load() : ((await import(job.module.href)) as Record<string, unknown>);
    const found = module[job.exportName];
    if (typeof found !== 'function') throw new Error(`${job.exportName} is not a function of ${job.module.href}`);
    run = found as (...args: unknown[]) => unknown;
  } catch (error) {
    return { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  const started = performance.now();
  try {
    const value = vm.runInContext('run()', vm.createContext({ run: () => run(...job.args) }), { timeout: limits.timeoutMs }) as unknown;
    if (!(value instanceof Promise)) return { ok: true, value: value as T };
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<WorkerOutcome<T>>((resolve) => {
      timer = setTimeout(() => resolve(timedOut(limits)), Math.max(0, limits.timeoutMs - (performance.now() - started)));
    });
    return await Promise.race([value.then((settled): WorkerOutcome<T> => ({ ok: true, value: settled as T })), limit]).finally(() => clearTimeout(timer));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return timedOut(limits);
    return { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
