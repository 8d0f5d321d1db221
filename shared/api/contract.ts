/**
 * The one typed API contract. Electron IPC handlers, the preload, the browser-mode HTTP server and client,
 * the CLI and the renderer all derive their types and their run-time validation from this object; nothing
 * about a channel is declared anywhere else. Each domain adds its channels in a file of its own under
 * channels/ and is merged here.
 */
import type { z } from 'zod';
import type { Result } from '../result.js';
import type { ChannelSpec } from './channel-spec.js';
import { adfsChannels } from './channels/adfs-channels.js';
import { appChannels } from './channels/app-channels.js';
import { certChannels } from './channels/cert-channels.js';
import { draftChannels } from './channels/draft-channels.js';
import { healthChannels } from './channels/health-channels.js';
import { overviewChannels } from './channels/overview-channels.js';
import { profileChannels } from './channels/profile-channels.js';
import { samlChannels } from './channels/saml-channels.js';
import { signinChannels } from './channels/signin-channels.js';
import { siteStepChannels } from './channels/site-step-channels.js';
// issue 18: step 1 asks whether the keychain works here, and for a kept key file
import { keyCustodyChannels } from './channels/key-custody-channels.js';

export const contract = {
  ...adfsChannels,
  ...appChannels,
  ...certChannels,
  ...draftChannels,
  ...healthChannels,
  ...overviewChannels,
  ...profileChannels,
  ...samlChannels,
  ...signinChannels,
  ...siteStepChannels,
  ...keyCustodyChannels,
} satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives, after validation. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The client side of the contract, one method per channel: what the preload exposes and the HTTP client implements. */
export type ApiMethods = { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> };

/** Prefix of every IPC channel name, so the main process can refuse anything else. */
export const IPC_PREFIX = 'sso-wizard:';

/** Browser mode: the header that carries the per-run token, and the API path prefix. */
export { HTTP_API_PREFIX, TOKEN_HEADER } from './http-constants.js';
