import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import type { Profile } from '../../../../shared/api/profile-schemas.js';
import type { Result } from '../../../../shared/result.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

describe('profile handlers', () => {
  it('creates a profile with defaults from the site URL, persists it, and makes it active', async () => {
    const dataDir = tempDir();
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir, now: () => new Date('2026-11-28T10:00:00Z') });
    const profile = value<Profile>(await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://Meet.Example.com/' }));
    expect(profile).toMatchObject({
      name: 'Prod',
      siteUrl: 'https://meet.example.com',
      host: 'meet.example.com',
      spEntityId: 'https://meet.example.com',
      acsUrl: 'https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet',
      createdAt: '2026-11-28T10:00:00.000Z',
      progress: { currentStep: 'csr', completed: [] },
    });
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8'));
    expect(onDisk).toMatchObject({ version: 1, activeProfileId: profile.id, profiles: [{ id: profile.id }] });

    // A second core on the same folder (a restart) sees it.
    const again = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir });
    expect(value<{ profiles: Profile[] }>(await again.dispatch('profile.list', {})).profiles.map((p) => p.name)).toEqual(['Prod']);
  });

  it('keeps edited identities when the site URL changes, and moves default ones with it', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const a = value<Profile>(await core.dispatch('profile.create', { name: 'A', siteUrl: 'https://a.example.com' }));
    const b = value<Profile>(
      await core.dispatch('profile.create', { name: 'B', siteUrl: 'https://b.example.com', spEntityId: 'urn:custom:b', acsUrl: 'https://b.example.com/acs' }),
    );
    const movedA = value<Profile>(await core.dispatch('profile.update', { id: a.id, siteUrl: 'https://a2.example.com' }));
    expect(movedA).toMatchObject({ spEntityId: 'https://a2.example.com', acsUrl: 'https://a2.example.com/dispatcher/SAML2AuthService?siteurl=a2' });
    const movedB = value<Profile>(await core.dispatch('profile.update', { id: b.id, siteUrl: 'https://b2.example.com' }));
    expect(movedB).toMatchObject({ spEntityId: 'urn:custom:b', acsUrl: 'https://b.example.com/acs', host: 'b2.example.com' });
    const reset = value<Profile>(await core.dispatch('profile.update', { id: b.id, spEntityId: '' }));
    expect(reset.spEntityId).toBe('https://b2.example.com');
  });

  it('refuses a duplicate name (any case) and an unknown ID, naming the field', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://a.example.com' });
    expect(await core.dispatch('profile.create', { name: 'PROD', siteUrl: 'https://b.example.com' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'name' },
    });
    expect(await core.dispatch('profile.select', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'id' },
    });
  });

  it('records the current step, selects and removes profiles', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const a = value<Profile>(await core.dispatch('profile.create', { name: 'A', siteUrl: 'https://a.example.com' }));
    const b = value<Profile>(await core.dispatch('profile.create', { name: 'B', siteUrl: 'https://b.example.com' }));
    expect(value<Profile>(await core.dispatch('profile.setStep', { id: a.id, step: 'adfs' })).progress.currentStep).toBe('adfs');
    expect(await core.dispatch('profile.setStep', { id: a.id, step: 'nowhere' })).toMatchObject({ ok: false, error: { field: 'step' } });
    expect(value<{ activeProfileId: string }>(await core.dispatch('profile.select', { id: a.id })).activeProfileId).toBe(a.id);
    const afterRemove = value<{ profiles: Profile[]; activeProfileId: string }>(await core.dispatch('profile.remove', { id: a.id }));
    expect(afterRemove.profiles.map((p) => p.id)).toEqual([b.id]);
    expect(afterRemove.activeProfileId).toBe(b.id);
  });

  it('loses no update when many arrive at once', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => core.dispatch('profile.create', { name: `P${i}`, siteUrl: `https://p${i}.example.com` })));
    expect(value<{ profiles: Profile[] }>(await core.dispatch('profile.list', {})).profiles).toHaveLength(20);
  });
});
