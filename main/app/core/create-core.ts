import type { Channel } from '../../../shared/api/contract.js';
import { createCoreContext, type FrontDoor } from './core-context.js';
import type { Outside } from './outside.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { handlers } from '../handlers/index.js';
import { APP_VERSION } from './version.js';

export interface Core {
  dispatch: Dispatcher;
  dataDir: string;
  /**
   * Loads these channels' handler modules ahead of their first call, without calling them: browser mode asks
   * for its first screen's while the browser is still loading the page.
   */
  preload?(channels: readonly Channel[]): Promise<void>;
}

/** The core as every front door uses it. */
export function createCore(options: { frontDoor: FrontDoor; dataDir: string; outside: Outside; now?: () => Date }): Core {
  const context = createCoreContext({ version: APP_VERSION, ...options });
  return {
    dispatch: createDispatcher(handlers, context),
    dataDir: options.dataDir,
    // A module that fails to load here is met again, and reported, by the call that needs it.
    preload: async (channels) => void (await Promise.allSettled(channels.map((channel) => handlers[channel]()))),
  };
}
