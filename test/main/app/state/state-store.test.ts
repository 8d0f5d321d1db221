import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../../../main/app/state/state-store.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const writer = fileURLToPath(new URL('./fixtures/state-writer.mjs', import.meta.url));
const builtStore = fileURLToPath(new URL('../../../../dist/main/app/state/state-store.js', import.meta.url));

describe('StateStore', () => {
  it('starts empty when there is no state file yet', async () => {
    const store = new StateStore(tempDir());
    expect(await store.read()).toEqual({ version: 1, activeProfileId: null, profiles: [] });
    expect(store.warning).toBeNull();
  });

  it.each([
    { name: 'garbage', content: '\u0000\u0001 not json', problem: /not valid JSON/ },
    { name: 'truncated JSON', content: '{"version":1,"activeProfileId":null,"profi', problem: /not valid JSON/ },
    { name: 'a wrong shape', content: '{"version":1,"activeProfileId":null,"profiles":[{"id":"x"}]}', problem: /field profiles\.0/ },
    { name: 'a future version', content: '{"version":2,"activeProfileId":null,"profiles":[]}', problem: /field version/ },
  ])('keeps an unreadable file ($name) aside, reports it, and never overwrites it', async ({ content, problem }) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'state.json'), content);
    const store = new StateStore(dir, () => new Date('2026-11-28T12:00:00Z'));
    expect(await store.read()).toMatchObject({ profiles: [] });
    expect(store.warning).toMatch(problem);
    const aside = path.join(dir, 'state.json.unreadable-2026-11-28T12-00-00-000Z');
    expect(store.warning).toContain(aside);
    expect(readFileSync(aside, 'utf8')).toBe(content);
    await store.update((state) => void (state.activeProfileId = null));
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('removes temporary files left by a writer that died, and only those (on its first update, under the lock)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.state.json.999999.abcdef.tmp'), '{"half":');
    writeFileSync(path.join(dir, 'notes.tmp'), 'mine');
    const store = new StateStore(dir);
    await store.read();
    expect(readdirSync(dir).sort()).toEqual(['.state.json.999999.abcdef.tmp', 'notes.tmp']); // a reader leaves a possible live writer alone
    await store.update((state) => void (state.activeProfileId = null));
    expect(readdirSync(dir).sort()).toEqual(['notes.tmp', 'state.json']);
  });

  it('after a kill at any moment of a write, the file is always a whole old or new state (40 kills)', async () => {
    expect(existsSync(builtStore), 'run "npm run build" first: the crash test kills the built code').toBe(true);
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    let lastGeneration = 0;
    let killsDuringWrites = 0;
    for (let round = 0; round < 40; round++) {
      const child = spawn(process.execPath, [writer, dir, String((round + 1) * 1_000_000)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // A random moment after the first write, up to many writes in.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      if (readdirSync(dir).some((name) => name.endsWith('.tmp'))) killsDuringWrites++;

      if (!existsSync(file)) continue; // killed before its first write completed: still the old (absent) state
      const text = readFileSync(file, 'utf8');
      const state = JSON.parse(text) as { profiles: Array<{ name: string }> };
      const tags = new Set(state.profiles.map((p) => p.name.split('-')[0]));
      expect(tags.size, `round ${round}: one generation per file`).toBe(1);
      const generation = Number([...tags][0]?.slice(1));
      expect(generation, `round ${round}: never older than what was seen before`).toBeGreaterThanOrEqual(lastGeneration);
      lastGeneration = generation;

      const store = new StateStore(dir);
      await store.read();
      expect(store.warning, `round ${round}`).toBeNull();
    }
    expect(lastGeneration).toBeGreaterThan(0);
    // The test must really have interrupted writes, or it proves nothing.
    expect(killsDuringWrites).toBeGreaterThan(0);
  }, 300_000);
});
