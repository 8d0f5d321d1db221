import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();
const id = '00000000-0000-4000-8000-000000000001';

describe('drafts', () => {
  it('saves, reads back after a restart, and removes a draft', async () => {
    const dataDir = tempDir();
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir, now: () => new Date('2026-11-28T10:00:00Z') });
    expect(await core.dispatch('draft.get', { profileId: id, key: 'csr.subject' })).toEqual({ ok: true, value: { value: null, savedAt: null } });
    await core.dispatch('draft.save', { profileId: id, key: 'csr.subject', value: { o: 'Example', sans: ['a.example.com'] } });
    const again = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir });
    expect(await again.dispatch('draft.get', { profileId: id, key: 'csr.subject' })).toEqual({
      ok: true,
      value: { value: { o: 'Example', sans: ['a.example.com'] }, savedAt: '2026-11-28T10:00:00.000Z' },
    });
    await again.dispatch('draft.save', { profileId: id, key: 'csr.subject', value: null });
    expect(await again.dispatch('draft.get', { profileId: id, key: 'csr.subject' })).toMatchObject({ ok: true, value: { value: null } });
  });

  it('keeps every key when many saves race', async () => {
    const dataDir = tempDir();
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir });
    await Promise.all(Array.from({ length: 25 }, (_, i) => core.dispatch('draft.save', { profileId: id, key: `k${i}`, value: i })));
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'profiles', id, 'drafts.json'), 'utf8'));
    expect(Object.keys(saved.drafts)).toHaveLength(25);
    expect(readdirSync(path.join(dataDir, 'profiles', id)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    { name: 'a private key', value: { note: '-----BEGIN PRIVATE KEY-----\nMIIE' }, field: 'value', message: /must not contain a private key/ },
    { name: 'an oversized value', value: 'x'.repeat(70 * 1024), field: 'value', message: /at most 64 KB/ },
    { name: 'a bad key', key: '../../etc', value: 1, field: 'key', message: /draft key/ },
  ])('refuses $name', async ({ key, value, field, message }) => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const result = await core.dispatch('draft.save', { profileId: id, key: key ?? 'k', value });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('treats a damaged drafts file as empty rather than failing the step', async () => {
    const dataDir = tempDir();
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir });
    await core.dispatch('draft.save', { profileId: id, key: 'a', value: 1 });
    writeFileSync(path.join(dataDir, 'profiles', id, 'drafts.json'), '{"version":1,"dra');
    expect(await core.dispatch('draft.get', { profileId: id, key: 'a' })).toEqual({ ok: true, value: { value: null, savedAt: null } });
  });
});
