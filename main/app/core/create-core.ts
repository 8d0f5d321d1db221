import { createCoreContext, type FrontDoor } from './core-context.js';
import type { Outside } from './outside.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { handlers } from '../handlers/index.js';
import { APP_VERSION } from './version.js';

export interface Core {
  dispatch: Dispatcher;
  dataDir: string;
}

/** The core as every front door uses it. */
export function createCore(options: { frontDoor: FrontDoor; dataDir: string; outside: Outside; now?: () => Date }): Core {
  const context = createCoreContext({ version: APP_VERSION, ...options });
  return { dispatch: createDispatcher(handlers, context), dataDir: options.dataDir };
}
