// @vitest-environment jsdom
/**
 * Every call the renderer sends across Electron's context bridge carries plain data. The bridge here is a
 * STAND-IN for the preload's methods that does what the context bridge does with an argument, a structured
 * clone (which refuses a Proxy, like Electron: electron/electron#39598), before a real core answers. The calls
 * come from the real step components, driven through their forms; the AD FS settings save is the case that
 * failed in the desktop app (a Svelte 5 $state object is a Proxy).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AdfsStep from '../../../renderer/src/steps/AdfsStep.svelte';
import AttributesStep from '../../../renderer/src/steps/AttributesStep.svelte';
import TestSignInStep from '../../../renderer/src/steps/TestSignInStep.svelte';
import { ok } from '../../../shared/result';
import { createApi, createBridgeApi, createMissingBridgeApi } from '../../../renderer/src/lib/api-client';
import { CHANNELS, type ApiMethods } from '../../../shared/api/contract';
import type { Profile } from '../../../shared/api/profile-schemas';
import { createCore, type Core } from '../../../main/app/core/create-core';
import { testOutside } from '../../support/test-outside';

/** A loaded two-core machine: wait for the state for up to this long (it comes much sooner when idle). */
const WAIT = { timeout: 15_000 };

let dataDir: string;
let core: Core;
let profile: Profile;

interface Crossing {
  channel: string;
  cloned: boolean;
  error?: string;
}

/** The preload's methods as the page sees them: each argument is structured-cloned on its way across. */
function bridgeStandin(target: Pick<Core, 'dispatch'>, crossings: Crossing[]): ApiMethods {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (input: unknown) => {
        let copy: unknown;
        try {
          copy = structuredClone(input);
        } catch (error) {
          crossings.push({ channel, cloned: false, error: (error as Error).message });
          // Nothing reaches the core; the step waits on, busy (what desktop users saw).
          return new Promise(() => undefined);
        }
        crossings.push({ channel, cloned: true });
        return target.dispatch(channel, copy);
      },
    ]),
  ) as unknown as ApiMethods;
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-bridge-'));
  core = createCore({ frontDoor: 'electron', outside: testOutside(), dataDir });
  const created = await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://meet.example.com' });
  if (!created.ok) throw new Error(created.error.message);
  profile = created.value as Profile;
});

afterEach(async () => {
  cleanup();
  delete window.ssoWizard;
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function saveAdfsSettings(api: ApiMethods): Promise<void> {
  render(AdfsStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => undefined } });
  await fireEvent.input(await screen.findByLabelText('LDAP attribute for email', {}, WAIT), { target: { value: 'userPrincipalName' } });
  await fireEvent.submit(screen.getByRole('button', { name: 'Save settings' }));
}

describe('calls across the desktop bridge', () => {
  it('step 3 (AD FS settings) and step 4 (attribute checks) send only structured-clone-able values', async () => {
    const crossings: Crossing[] = [];
    window.ssoWizard = { frontDoor: 'electron', api: bridgeStandin(core, crossings) };
    const { api, frontDoor } = createApi();
    expect(frontDoor).toBe('electron');

    await saveAdfsSettings(api);
    expect(await screen.findByText('Settings saved; the files below were rebuilt.', {}, WAIT)).toBeTruthy();
    cleanup();

    render(AttributesStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => undefined } });
    await fireEvent.submit(screen.getByRole('button', { name: 'Check the rules' }));
    expect(await screen.findByText('All required attributes will be sent, with the right names and formats.', {}, WAIT)).toBeTruthy();

    expect(crossings.filter((crossing) => !crossing.cloned)).toEqual([]);
    expect(crossings.map((crossing) => crossing.channel), JSON.stringify(crossings)).toEqual(expect.arrayContaining(['adfs.preview', 'adfs.saveSettings', 'draft.get', 'idp.get', 'attributes.analyzeRules']));
  });

  it('step 5 (test sign-in: readiness, start, polling, cancel) sends only structured-clone-able values', async () => {
    const crossings: Crossing[] = [];
    const RUN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const waiting = { runId: RUN, state: 'waiting', events: [{ seq: 1, at: 't', kind: 'waiting', message: 'Waiting for you to sign in at idp.example…' }], result: null };
    // The sign-in itself is scripted (a real one needs an IdP: test/e2e); what matters here is what crosses.
    const scripted: Record<string, () => unknown> = {
      'signin.readiness': () => ok({ browser: { available: true, name: 'sign-in window', message: '', hint: '' }, idp: { configured: true, entityId: 'https://idp.example/', ssoUrl: 'https://idp.example/sso', message: '' }, defaultIdpInitiatedUrl: null }),
      'signin.history': () => ok({ entries: [] }),
      'signin.start': () => ok({ runId: RUN }),
      'signin.status': () => ok(waiting),
      'signin.cancel': () => ok({ runId: RUN, state: 'finished', events: [], result: null }),
      'idp.get': () => ok(null),
    };
    const target = { dispatch: async (channel: string, input: unknown) => (scripted[channel]?.() ?? (await core.dispatch(channel as never, input))) } as unknown as Pick<Core, 'dispatch'>;
    const api = createBridgeApi(bridgeStandin(target, crossings));
    render(TestSignInStep, { props: { profile, api, ongo: () => undefined, onchanged: async () => undefined } });
    const start = (await screen.findByRole('button', { name: 'Test sign-in' }, WAIT)) as HTMLButtonElement;
    await expect.poll(() => start.disabled, WAIT).toBe(false);
    await fireEvent.click(start);
    await expect.poll(() => crossings.some((crossing) => crossing.channel === 'signin.status'), WAIT).toBe(true);
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel sign-in' }, WAIT));
    await expect.poll(() => crossings.some((crossing) => crossing.channel === 'signin.cancel'), WAIT).toBe(true);
    expect(crossings.filter((crossing) => !crossing.cloned)).toEqual([]);
    expect(crossings.map((crossing) => crossing.channel), JSON.stringify(crossings)).toEqual(expect.arrayContaining(['signin.readiness', 'signin.start', 'signin.status', 'signin.cancel']));
  });

  it('without the plain-data copy, the same save is refused by the bridge (what desktop users met)', async () => {
    const crossings: Crossing[] = [];
    await saveAdfsSettings(bridgeStandin(core, crossings));
    await expect.poll(() => crossings.some((crossing) => crossing.channel === 'adfs.saveSettings')).toBe(true);
    expect(crossings).toContainEqual({ channel: 'adfs.saveSettings', cloned: false, error: expect.stringMatching(/could not be cloned/) });
    expect(screen.queryByText('Settings saved; the files below were rebuilt.')).toBeNull();
  });

  it('createBridgeApi hands the preload plain data, equal to what browser mode would send', async () => {
    const seen: unknown[] = [];
    const bridge = Object.fromEntries(CHANNELS.map((channel) => [channel, async (input: unknown) => (seen.push(structuredClone(input)), { ok: true, value: null })])) as unknown as ApiMethods;
    const api = createBridgeApi(bridge) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const proxied = new Proxy({ profileId: 'p1', nested: new Proxy({ list: ['a'] }, {}), skipped: undefined }, {});
    await api['adfs.saveSettings']?.(proxied);
    expect(seen).toEqual([{ profileId: 'p1', nested: { list: ['a'] } }]);
  });
});

describe('a desktop window whose preload did not load', () => {
  it('says so and what to do, instead of pointing at a terminal link', async () => {
    const api = createMissingBridgeApi() as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const result = await api['profile.list']?.({});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/preload script did not load/), hint: expect.stringMatching(/npm start.*npm run web/) } });
    expect(JSON.stringify(result)).not.toMatch(/terminal/);
  });
});
