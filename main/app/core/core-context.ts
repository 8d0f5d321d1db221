/**
 * What every handler may use, passed in rather than imported, so the same core runs behind Electron IPC,
 * the browser-mode server, the CLI and the tests (with a fixed clock or a temporary data folder).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FrontDoorSchema } from '../../../shared/api/channels/app-channels.js';
import { StateStore } from '../state/state-store.js';
import type { Outside } from './outside.js';

export type FrontDoor = z.infer<typeof FrontDoorSchema>;

export interface CoreContext {
  version: string;
  frontDoor: FrontDoor;
  dataDir: string;
  state: StateStore;
  now: () => Date;
  newId: () => string;
  /** Keychain, sign-in browser, PDF printer and fetch, as the front door handed them in. */
  outside: Outside;
}

export function createCoreContext(options: {
  version: string;
  frontDoor: FrontDoor;
  dataDir: string;
  outside: Outside;
  now?: () => Date;
  newId?: () => string;
}): CoreContext {
  const now = options.now ?? (() => new Date());
  const { outside } = options;
  return {
    version: options.version,
    frontDoor: options.frontDoor,
    dataDir: options.dataDir,
    state: new StateStore(options.dataDir, now),
    now,
    newId: options.newId ?? randomUUID,
    outside,
  };
}
