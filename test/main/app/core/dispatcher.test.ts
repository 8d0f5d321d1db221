import { describe, expect, it } from 'vitest';
import { createCoreContext } from '../../../../main/app/core/core-context.js';
import { createDispatcher, type HandlerLoaders, type Handlers } from '../../../../main/app/core/dispatcher.js';
import { handlers } from '../../../../main/app/handlers/index.js';
import { ok } from '../../../../shared/result.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();

function setup(overrides: Partial<Handlers> = {}) {
  const logs: string[] = [];
  const context = createCoreContext({ version: '1.2.3', frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
  const loaders = Object.fromEntries(Object.entries(overrides).map(([channel, handler]) => [channel, async () => handler]));
  const dispatch = createDispatcher({ ...handlers, ...loaders } as HandlerLoaders, context, (m) => logs.push(m));
  return { dispatch, logs };
}

describe('dispatcher', () => {
  it('refuses a channel the contract does not have', async () => {
    const { dispatch } = setup();
    expect(await dispatch('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it.each([
    { name: 'a missing field', input: { name: 'x' }, field: 'siteUrl' },
    { name: 'a wrong type', input: { name: 'x', siteUrl: 5 }, field: 'siteUrl' },
    { name: 'an invalid URL', input: { name: 'x', siteUrl: 'http://a.example.com' }, field: 'siteUrl', message: /https/ },
    { name: 'an empty name', input: { name: '   ', siteUrl: 'https://a.example.com' }, field: 'name', message: /Give the profile a name/ },
    { name: 'an entity ID with spaces', input: { name: 'x', siteUrl: 'https://a.example.com', spEntityId: 'urn:a b' }, field: 'spEntityId' },
    { name: 'an http ACS URL', input: { name: 'x', siteUrl: 'https://a.example.com', acsUrl: 'http://a.example.com/acs' }, field: 'acsUrl' },
  ])('names the field for $name', async ({ input, field, message }) => {
    const { dispatch } = setup();
    const result = await dispatch('profile.create', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
    if (message && !result.ok) expect(result.error.message).toMatch(message);
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const { dispatch } = setup();
    const result = await dispatch('profile.create', { name: 'x', siteUrl: 'https://a.example.com', isAdmin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Unknown field: isAdmin.' } });
  });

  it('turns a thrown error into an internal result and keeps the detail out of it', async () => {
    const { dispatch, logs } = setup({
      'profile.list': async () => {
        throw new Error('secret detail at /home/alice');
      },
    });
    const result = await dispatch('profile.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret detail');
    expect(logs.join('\n')).toContain('secret detail');
  });

  it('refuses to return a value outside the contract', async () => {
    const { dispatch, logs } = setup({
      'profile.list': async () => ok({ profiles: 'not a list', activeProfileId: null } as never),
    });
    expect(await dispatch('profile.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logs.join('\n')).toContain('outside the contract');
  });

  it('answers app.info with the front door and data folder', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app.info', {})).toMatchObject({ ok: true, value: { version: '1.2.3', frontDoor: 'cli', stateWarning: null } });
  });
});
