/**
 * The renderer's only way to the core: the preload's methods in the desktop app, or the same methods over
 * HTTP in browser mode. Both are typed by the one contract; nothing here declares a channel of its own.
 */
import { HTTP_API_PREFIX, TOKEN_HEADER } from '../../../shared/api/http-constants';
import type { ApiMethods } from '../../../shared/api/contract';
import { appError } from '../../../shared/app-errors';
import type { Result } from '../../../shared/result';

declare global {
  interface Window {
    ssoWizard?: { frontDoor: 'electron'; api: ApiMethods };
  }
}

const TOKEN_KEY = 'sso-wizard-token';

/** Takes the token from the URL fragment (#token=…), keeps it for this tab, and removes it from the address bar. */
export function takeBrowserModeToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY);
}

/**
 * One method per channel name asked for, made on first use. The contract's channel list is not needed at run
 * time here: importing it would put zod and every channel's schemas into the first screen's script (the types
 * still come from the contract, and the core refuses a channel it does not have).
 */
export function methodsFor(method: (channel: string) => (input: unknown) => Promise<Result<unknown>>): ApiMethods {
  const made = new Map<string, (input: unknown) => Promise<Result<unknown>>>();
  return new Proxy({} as ApiMethods, {
    get: (_target, channel) => {
      // Every channel is "<domain>.<operation>"; anything else ("then", "toJSON", symbols) is not a method.
      if (typeof channel !== 'string' || !channel.includes('.')) return undefined;
      let call = made.get(channel);
      if (!call) made.set(channel, (call = method(channel)));
      return call;
    },
  });
}

export function createHttpApi(token: string | null, fetchImpl: typeof fetch = fetch): ApiMethods {
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    if (!token) {
      return appError('forbidden', {
        message: 'This page was opened without its access token.',
        hint: 'Open the wizard from the link it printed in the terminal when it started.',
      });
    }
    try {
      const response = await fetchImpl(`${HTTP_API_PREFIX}${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return appError('internal', {
        message: 'The wizard\'s local server does not answer.',
        hint: 'It may have been stopped: start it again (npm start) and open the new link.',
      });
    }
  };
  return methodsFor((channel) => (input) => call(channel, input));
}

/**
 * The desktop app's preload methods, each given plain data. Electron's context bridge copies arguments as
 * structured clones and refuses a Proxy ("could not be cloned": electron/electron#39598), and Svelte 5 state
 * is made of Proxies (sveltejs/svelte#17185). Every argument is therefore copied to plain JSON data first:
 * exactly what browser mode sends over HTTP, so both doors receive the same values.
 */
export function createBridgeApi(bridge: ApiMethods): ApiMethods {
  const methods = bridge as unknown as Record<string, (input: unknown) => Promise<Result<unknown>>>;
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    const method = methods[channel];
    if (!method) return appError('internal', { message: `The desktop app offers no "${channel}" call.`, hint: 'Restart the wizard; if it repeats, reinstall it.' });
    return method(JSON.parse(JSON.stringify(input ?? {})) as unknown);
  };
  return methodsFor((channel) => (input) => call(channel, input));
}

/** The desktop window without its preload (it failed to load): every call says so, and what to do. */
export function createMissingBridgeApi(): ApiMethods {
  const failure = async (): Promise<Result<unknown>> =>
    appError('internal', {
      message: 'This desktop window cannot reach the wizard: its preload script did not load.',
      hint: 'Close the window and start the wizard again (npm start). If it repeats, use browser mode instead: npm run web.',
    });
  return methodsFor(() => failure);
}

export function createApi(): { api: ApiMethods; frontDoor: 'electron' | 'browser' } {
  if (window.ssoWizard) return { api: createBridgeApi(window.ssoWizard.api), frontDoor: 'electron' };
  // Only the desktop window serves the page from app://; without the preload it has no way to the core.
  if (window.location.protocol === 'app:') return { api: createMissingBridgeApi(), frontDoor: 'electron' };
  const token = takeBrowserModeToken(window.location, window.sessionStorage, window.history);
  return { api: createHttpApi(token), frontDoor: 'browser' };
}
