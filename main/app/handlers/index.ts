/** All handlers, one file per domain; the type makes a missing channel a compile error. */
import type { Handlers } from '../core/dispatcher.js';
import { adfsHandlers } from './adfs-handlers.js';
import { appHandlers } from './app-handlers.js';
import { certHandlers } from './cert-handlers.js';
import { draftHandlers } from './draft-handlers.js';
import { healthHandlers } from './health-handlers.js';
import { overviewHandlers } from './overview-handlers.js';
import { profileHandlers } from './profile-handlers.js';
import { samlHandlers } from './saml-handlers.js';
import { signinHandlers } from './signin-handlers.js';
import { siteStepHandlers } from './site-step-handlers.js';
// issue 18: step 1 asks whether the keychain works here, and for a kept key file
import { keyCustodyHandlers } from './key-custody-handlers.js';

export const handlers: Handlers = {
  ...adfsHandlers,
  ...appHandlers,
  ...certHandlers,
  ...draftHandlers,
  ...healthHandlers,
  ...overviewHandlers,
  ...profileHandlers,
  ...samlHandlers,
  ...signinHandlers,
  ...siteStepHandlers,
  ...keyCustodyHandlers,
};
