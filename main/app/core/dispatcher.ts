/**
 * The single entry point of the core. Whatever the front door, a request is a channel name and an unknown
 * value: the channel is checked against the contract, the value parsed with the channel's schema, the handler
 * run, and its output checked against the contract before it leaves. Exceptions never cross: they become an
 * 'internal' result, and the detail goes to the log, not to the user.
 *
 * A channel's handler module is imported on the channel's first call, not when the core is created, so a
 * request loads only its own domain: `sso-wizard decode` loads the SAML engine, not the certificate engines
 * (x509, forge) nor AD FS (test/main/doors/cli/lazy-loading.test.ts holds this).
 */
import * as z from 'zod';
import { contract, isChannel, type Channel, type Output, type ParsedInput } from '../../../shared/api/contract.js';
import { appError } from '../../../shared/app-errors.js';
import type { Result } from '../../../shared/result.js';
import type { CoreContext } from './core-context.js';

export type Handler<C extends Channel> = (input: ParsedInput<C>, context: CoreContext) => Promise<Result<Output<C>>>;
export type Handlers = { [C in Channel]: Handler<C> };

/** Each channel's handler, imported when the channel is first called; the type makes a missing channel a compile error. */
export type HandlerLoaders = { [C in Channel]: () => Promise<Handler<C>> };

/**
 * The loaders of one domain's channels (the contract's channel file of that domain) from the module that
 * handles them: the module is imported once, on the first call to any of them.
 */
export function lazyHandlers<K extends Channel>(channels: Record<K, unknown>, load: () => Promise<Pick<Handlers, K>>): Pick<HandlerLoaders, K> {
  let loaded: Promise<Pick<Handlers, K>> | undefined;
  const module = () => {
    // A failed import (a damaged install) is tried again by the next call rather than remembered.
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  return Object.fromEntries((Object.keys(channels) as K[]).map((channel) => [channel, async () => (await module())[channel]])) as Pick<HandlerLoaders, K>;
}

export interface Dispatcher {
  (channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export function createDispatcher(
  handlers: HandlerLoaders,
  context: CoreContext,
  log: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Dispatcher {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return appError('unknown-channel', { message: `There is no operation named "${String(channel).slice(0, 80)}".` });
    }
    const spec = contract[channel];
    const parsed = (spec.input as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      const handler = (await handlers[channel]()) as (input: unknown, context: CoreContext) => Promise<Result<unknown>>;
      const result = await handler(parsed.data, context);
      if (!result.ok) return result;
      const checked = (spec.output as z.ZodType).safeParse(result.value);
      if (!checked.success) {
        log(`[core] ${channel} returned a value outside the contract: ${z.prettifyError(checked.error)}`);
        return appError('internal');
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      log(`[core] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return appError('internal');
    }
  };
}

/** Names the first offending field and what is wrong with it. */
export function invalidInput(error: z.ZodError): Result<never> {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue
    ? issue.code === 'unrecognized_keys'
      ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
      : `${field ? `${field}: ` : ''}${issue.message}`
    : 'The request is not valid.';
  return appError('invalid-input', {
    message,
    hint: field ? `Correct "${field}" and try again.` : 'Correct the request and try again.',
    ...(field ? { field } : {}),
  });
}
