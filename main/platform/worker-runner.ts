/**
 * Runs one function of one module on a worker thread, with a time limit and a memory cap, so parsing an
 * untrusted file can neither freeze the event loop that serves browser mode nor run for ever: past the limit
 * the worker is terminated (terminate() stops JavaScript even inside a tight loop) and the next job gets a new
 * one. Between jobs the worker stays warm (loading the parsers costs more than most parses) without keeping the
 * process alive; jobs run one at a time, in order.
 */
import { Worker } from 'node:worker_threads';

export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'timeout' | 'failed'; message: string };

export interface WorkerJob {
  /** The module to load in the worker (a module without side effects beyond its imports). */
  module: URL;
  exportName: string;
  /** Structured-cloneable arguments (Uint8Array, strings, plain objects). */
  args: unknown[];
}

export interface WorkerLimits {
  timeoutMs: number;
}

/** The signature of runInWorker, for code that takes a runner as a parameter. */
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
  const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
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
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `stopped after ${limits.timeoutMs} ms` }, true), limits.timeoutMs);
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
