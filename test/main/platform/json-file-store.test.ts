import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { JsonFileStore } from '../../../main/platform/json-file-store.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs('sso-json-store-');

const ListSchema = z.object({ version: z.literal(1), items: z.array(z.string()) });
type List = z.infer<typeof ListSchema>;

function listStore(file: string, now?: () => Date): JsonFileStore<List> {
  return new JsonFileStore({
    file,
    schema: ListSchema,
    empty: () => ({ version: 1, items: [] }),
    label: 'The list file',
    afterKeptAside: 'the list starts empty',
    staleLockMs: 2000,
    ...(now ? { now } : {}),
  });
}

describe('JsonFileStore', () => {
  it('reads the empty value when there is no file, and creates the folder (0600 file) on the first update', async () => {
    const file = path.join(tempDir(), 'profiles', 'p1', 'list.json');
    const store = listStore(file);
    expect(await store.read()).toEqual({ value: { version: 1, items: [] }, keptAside: null });
    const { result, value } = await store.update((list) => list.items.push('a'));
    expect(result).toBe(1);
    expect(value.items).toEqual(['a']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, items: ['a'] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['list.json']); // no lock or temporary file left behind
  });

  it('keeps every update made at once through many store objects on the same file (one queue per file)', async () => {
    const file = path.join(tempDir(), 'list.json');
    await Promise.all(Array.from({ length: 40 }, (_, i) => listStore(file).update((list) => list.items.push(`item-${i}`))));
    const { value } = await listStore(file).read();
    expect(value.items.slice().sort()).toEqual(Array.from({ length: 40 }, (_, i) => `item-${i}`).sort());
  });

  it('never writes a value its schema refuses: the update fails and the file keeps its content', async () => {
    const file = path.join(tempDir(), 'list.json');
    const store = listStore(file);
    await store.update((list) => list.items.push('kept'));
    await expect(store.update((list) => list.items.push(42 as unknown as string))).rejects.toThrow(/expected string/i);
    expect((await store.read()).value.items).toEqual(['kept']);
    // and the queue goes on after a failed update
    await store.update((list) => list.items.push('after'));
    expect((await store.read()).value.items).toEqual(['kept', 'after']);
  });

  it.each([
    { name: 'garbage', content: '\u0000\u0001 not json', problem: /not valid JSON/ },
    { name: 'empty', content: '', problem: /not valid JSON/ },
    { name: 'truncated JSON', content: '{"version":1,"items":["a",', problem: /not valid JSON/ },
    { name: 'a wrong shape', content: '{"version":1,"items":[1]}', problem: /field items\.0/ },
    { name: 'a future version', content: '{"version":2,"items":[]}', problem: /field version/ },
    { name: 'null', content: 'null', problem: /field \(root\)/ },
    { name: 'a huge number of nested arrays', content: `${'['.repeat(5000)}${']'.repeat(5000)}`, problem: /field \(root\)/ },
  ])('keeps a damaged file ($name) aside as <name>.unreadable-<time>, reports it, and goes on from empty', async ({ content, problem }) => {
    const dir = tempDir();
    const file = path.join(dir, 'list.json');
    writeFileSync(file, content);
    const store = listStore(file, () => new Date('2026-11-28T12:00:00Z'));
    const loaded = await store.read();
    expect(loaded.value).toEqual({ version: 1, items: [] });
    const aside = path.join(dir, 'list.json.unreadable-2026-11-28T12-00-00-000Z');
    expect(loaded.keptAside).toMatchObject({ file, aside });
    expect(loaded.keptAside?.problem).toMatch(problem);
    expect(store.warning).toBe(loaded.keptAside?.warning);
    expect(store.warning).toContain(`The list file ${file} could not be read`);
    expect(store.warning).toContain(`It was kept as ${aside} and the list starts empty.`);
    expect(readFileSync(aside, 'utf8')).toBe(content);
    await store.update((list) => list.items.push('new'));
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, items: ['new'] });
  });

  it('never overwrites an earlier kept-aside file, even in the same millisecond', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'list.json');
    const store = listStore(file, () => new Date('2026-11-28T12:00:00Z'));
    writeFileSync(file, 'first damage');
    await store.read();
    writeFileSync(file, 'second damage');
    const { value, keptAside } = await store.update((list) => list.items.push('x'));
    expect(value.items).toEqual(['x']);
    expect(keptAside?.aside).toBe(`${file}.unreadable-2026-11-28T12-00-00-000Z-2`);
    expect(readFileSync(`${file}.unreadable-2026-11-28T12-00-00-000Z`, 'utf8')).toBe('first damage');
    expect(readFileSync(`${file}.unreadable-2026-11-28T12-00-00-000Z-2`, 'utf8')).toBe('second damage');
  });

  it('a read that cannot open the file for another reason than "missing" throws, naming the file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'list.json');
    mkdirSync(file); // a folder where the file should be: EISDIR
    await expect(listStore(file).read()).rejects.toThrow(/EISDIR/);
    expect(existsSync(file)).toBe(true);
  });

  it('waits for a lock another process holds, then applies its update on top', async () => {
    const file = path.join(tempDir(), 'list.json');
    const store = listStore(file);
    await store.update((list) => list.items.push('before'));
    const release = await lockfile.lock(file, { realpath: false, stale: 10_000 });
    let done = false;
    const pending = store.update((list) => list.items.push('mine')).then(() => (done = true));
    // Long enough for an unlocked update to have read, changed and written many times over (a negative can
    // only be shown by waiting); then the holder writes, as the CLI would, and releases.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(done).toBe(false);
    writeFileSync(file, JSON.stringify({ version: 1, items: ['before', 'theirs'] }));
    await release();
    await pending;
    expect((await store.read()).value.items).toEqual(['before', 'theirs', 'mine']);
  });

  it('takes over a stale lock left by a writer that died (its folder no longer refreshed)', async () => {
    const file = path.join(tempDir(), 'list.json');
    mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await listStore(file).update((list) => list.items.push('after a crash'));
    expect((await listStore(file).read()).value.items).toEqual(['after a crash']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('removes temporary files of writers that died, under the lock, and only those', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'list.json');
    writeFileSync(path.join(dir, `.list.json.${process.pid}.abcdef.tmp`), '{"half":');
    writeFileSync(path.join(dir, '.list.json.999999.abcdef.tmp'), '{"half":');
    writeFileSync(path.join(dir, 'notes.tmp'), 'mine');
    await listStore(file).update((list) => list.items.push('a'));
    expect(readdirSync(dir).sort()).toEqual(['list.json', 'notes.tmp']);
  });

  it('replace writes the value returned (for stores whose value is not an object to mutate)', async () => {
    const file = path.join(tempDir(), 'maybe.json');
    const store = new JsonFileStore<string | null>({ file, schema: z.string().nullable(), empty: () => null, label: 'The maybe file', afterKeptAside: 'it starts empty' });
    expect((await store.read()).value).toBeNull();
    expect((await store.replace((current) => `${current ?? 'none'}+1`)).value).toBe('none+1');
    expect((await store.replace((current) => `${current ?? 'none'}+1`)).value).toBe('none+1+1');
  });
});
