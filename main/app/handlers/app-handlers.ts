import { ok } from '../../../shared/result.js';
import type { Handlers } from '../core/dispatcher.js';

export const appHandlers: Pick<Handlers, 'app.info'> = {
  'app.info': async (_input, context) => {
    // Reading once surfaces a warning about an unreadable state file even before any other call.
    await context.state.read();
    return ok({
      version: context.version,
      frontDoor: context.frontDoor,
      dataDir: context.dataDir,
      stateWarning: context.state.warning,
    });
  },
};
