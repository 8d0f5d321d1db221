/**
 * Every handler module, one line per domain: the contract's channels of that domain and the module that
 * handles them, imported on the first call to one of its channels (so `sso-wizard decode` never loads the
 * certificate engines). The type makes a missing channel a compile error.
 */
import { adfsChannels } from '../../../shared/api/channels/adfs-channels.js';
import { appChannels } from '../../../shared/api/channels/app-channels.js';
import { certChannels } from '../../../shared/api/channels/cert-channels.js';
import { draftChannels } from '../../../shared/api/channels/draft-channels.js';
import { healthChannels } from '../../../shared/api/channels/health-channels.js';
import { keyCustodyChannels } from '../../../shared/api/channels/key-custody-channels.js';
import { overviewChannels } from '../../../shared/api/channels/overview-channels.js';
import { profileChannels } from '../../../shared/api/channels/profile-channels.js';
import { samlChannels } from '../../../shared/api/channels/saml-channels.js';
import { signinChannels } from '../../../shared/api/channels/signin-channels.js';
import { siteStepChannels } from '../../../shared/api/channels/site-step-channels.js';
import { lazyHandlers, type HandlerLoaders } from '../core/dispatcher.js';

export const handlers: HandlerLoaders = {
  ...lazyHandlers(adfsChannels, async () => (await import('./adfs-handlers.js')).adfsHandlers),
  ...lazyHandlers(appChannels, async () => (await import('./app-handlers.js')).appHandlers),
  ...lazyHandlers(certChannels, async () => (await import('./cert-handlers.js')).certHandlers),
  ...lazyHandlers(draftChannels, async () => (await import('./draft-handlers.js')).draftHandlers),
  ...lazyHandlers(healthChannels, async () => (await import('./health-handlers.js')).healthHandlers),
  ...lazyHandlers(keyCustodyChannels, async () => (await import('./key-custody-handlers.js')).keyCustodyHandlers),
  ...lazyHandlers(overviewChannels, async () => (await import('./overview-handlers.js')).overviewHandlers),
  ...lazyHandlers(profileChannels, async () => (await import('./profile-handlers.js')).profileHandlers),
  ...lazyHandlers(samlChannels, async () => (await import('./saml-handlers.js')).samlHandlers),
  ...lazyHandlers(signinChannels, async () => (await import('./signin-handlers.js')).signinHandlers),
  ...lazyHandlers(siteStepChannels, async () => (await import('./site-step-handlers.js')).siteStepHandlers),
};
