/**
 * The built preload, run the way a sandboxed preload runs: as one script whose require() knows only
 * 'electron'. Electron itself cannot run here, so its two objects are stand-ins that record what the preload
 * does with them; what is checked is our bundle: it needs nothing else, exposes exactly one method per contract
 * channel, and never hands out ipcRenderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, IPC_PREFIX } from '../../../../shared/api/contract.js';

const bundle = fileURLToPath(new URL('../../../../dist/preload/preload.cjs', import.meta.url));

function loadPreload() {
  expect(existsSync(bundle), 'run "npm run build" first').toBe(true);
  const exposed: Record<string, unknown> = {};
  const invoked: Array<[string, unknown]> = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
    ipcRenderer: { invoke: async (channel: string, input: unknown) => (invoked.push([channel, input]), { ok: true, value: null }) },
  };
  const module = { exports: {} };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  vm.runInNewContext(readFileSync(bundle, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, invoked, required, electron };
}

describe('the preload bundle', () => {
  it('requires nothing but electron', () => {
    expect(new Set(loadPreload().required)).toEqual(new Set(['electron']));
  });

  it('exposes one method per contract channel on window.ssoWizard, and nothing else', async () => {
    const { exposed, invoked, electron } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['ssoWizard']);
    const wizard = exposed['ssoWizard'] as { frontDoor: string; api: Record<string, (input: unknown) => Promise<unknown>> };
    expect(wizard.frontDoor).toBe('electron');
    expect(Object.keys(wizard.api).sort()).toEqual([...CHANNELS].sort());
    for (const value of Object.values(wizard.api)) expect(value).not.toBe(electron.ipcRenderer.invoke);
    expect(JSON.stringify(Object.keys(wizard))).not.toContain('ipcRenderer');
    await wizard.api['profile.list']?.({});
    expect(invoked).toEqual([[`${IPC_PREFIX}profile.list`, {}]]);
  });
});
