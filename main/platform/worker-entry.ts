/**
 * The body of the runner's worker: for each job it imports the module it was given (Node caches it, so a warm
 * worker pays for loading once), calls one exported function with the arguments, and posts back the value or
 * the error's message (never a stack: it may reach a user).
 */
// A namespace import: registerHooks exists from Node 22.15 and is used only for the tests' sources, so the built
// entry must load on every Node the package supports (engines: >= 22.12).
import * as nodeModule from 'node:module';
import { parentPort } from 'node:worker_threads';

interface Job {
  id: number;
  moduleUrl: string;
  exportName: string;
  args: unknown[];
}

// Run from the TypeScript sources (the tests), Node strips the types itself but imports still say ".js":
// resolve such an import to the ".ts" beside it. Built code never takes this path.
if (import.meta.url.endsWith('.ts')) {
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
    },
  });
}

parentPort?.on('message', (job: Job) => {
  void (async () => {
    try {
      const module = (await import(job.moduleUrl)) as Record<string, unknown>;
      const run = module[job.exportName];
      if (typeof run !== 'function') throw new Error(`${job.exportName} is not a function of ${job.moduleUrl}`);
      parentPort?.postMessage({ id: job.id, ok: true, value: await (run as (...args: unknown[]) => unknown)(...job.args) });
    } catch (error) {
      parentPort?.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
