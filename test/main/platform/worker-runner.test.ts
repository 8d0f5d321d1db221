/**
 * The two parser runners a front door can hand to the core (Outside.runParser): on a worker thread, and inline
 * with a vm watchdog. Both answer, pass on a parser's error message, and end a parser that never returns at the
 * time limit (a test-only module that spins in a tight loop, which no timer of its own thread could interrupt).
 * The worker keeps the event loop free meanwhile; the inline runner does not, by design (a one-shot command).
 */
import { describe, expect, it } from 'vitest';
import { runInline, runInWorker, type WorkerRunner } from '../../../main/platform/worker-runner.js';

const slow = new URL('./fixtures/slow-parser.ts', import.meta.url);

const runners: [string, WorkerRunner][] = [
  ['runInWorker', runInWorker],
  ['runInline', runInline],
];

describe.each(runners)('%s', (_name, run) => {
  it('answers with the function\'s value, structured data intact', async () => {
    const value = { text: 'a', bytes: new Uint8Array([1, 2, 3]), when: new Date('2026-01-01T00:00:00Z') };
    const outcome = await run<typeof value>({ module: slow, exportName: 'echo', args: [value] }, { timeoutMs: 20_000 });
    expect(outcome).toEqual({ ok: true, value });
  });

  it('passes on the message of a parser that throws, never a stack', async () => {
    const outcome = await run({ module: slow, exportName: 'refuse', args: ['hostile.xml'] }, { timeoutMs: 20_000 });
    expect(outcome).toEqual({ ok: false, reason: 'failed', message: 'hostile.xml is refused' });
  });

  it('names a function the module does not have', async () => {
    const outcome = await run({ module: slow, exportName: 'missing', args: [] }, { timeoutMs: 20_000 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/^missing is not a function of /);
  });

  it('ends a parser in a tight loop at the time limit, and runs the next job after it', async () => {
    // Warm: the limit below is for the loop, not for loading the module on a busy machine.
    await run({ module: slow, exportName: 'echo', args: [0] }, { timeoutMs: 20_000 });
    const started = performance.now();
    const outcome = await run({ module: slow, exportName: 'spinForever', args: [] }, { timeoutMs: 300 });
    expect(outcome).toEqual({ ok: false, reason: 'timeout', message: 'stopped after 300 ms', timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await run({ module: slow, exportName: 'echo', args: ['next'] }, { timeoutMs: 20_000 })).toEqual({ ok: true, value: 'next' });
  });

  it('ends a parser whose promise never settles at the time limit', async () => {
    const outcome = await run({ module: slow, exportName: 'waitForever', args: [] }, { timeoutMs: 300 });
    expect(outcome).toEqual({ ok: false, reason: 'timeout', message: 'stopped after 300 ms', timeoutMs: 300 });
  });
});

describe('the worker keeps the event loop free', () => {
  it('fires this thread\'s timers while the worker spins', async () => {
    await runInWorker({ module: slow, exportName: 'echo', args: [0] }, { timeoutMs: 20_000 });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    try {
      const outcome = await runInWorker({ module: slow, exportName: 'spinForever', args: [] }, { timeoutMs: 800 });
      expect(outcome.ok).toBe(false);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(5);
  });
});
