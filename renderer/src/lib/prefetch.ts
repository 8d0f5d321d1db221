/**
 * Reads sent ahead of time: the start page's own requests (its status, the health check's last run) go out as
 * soon as the active profile is known, while the page is still being drawn, instead of after it has been drawn
 * and laid out (test/bench/start-bench.mjs times the first screen). Each answer is handed to
 * the first call with the same channel and input, then forgotten; any other call first drops every answer still
 * waiting, since it may change what they read. A prefetched answer is therefore never older than the last change.
 */
import type { ApiMethods, Channel, Input } from '../../../shared/api/contract';
import type { Result } from '../../../shared/result';
import { methodsFor } from './api-client';

type Call = (input: unknown) => Promise<Result<unknown>>;

export interface PrefetchingApi {
  api: ApiMethods;
  prefetch<C extends Channel>(channel: C, input: Input<C>): void;
}

export function withPrefetch(inner: ApiMethods): PrefetchingApi {
  const methods = inner as unknown as Record<string, Call>;
  const waiting = new Map<string, Promise<Result<unknown>>>();
  const keyOf = (channel: string, input: unknown): string => `${channel} ${JSON.stringify(input ?? {})}`;
  const api = methodsFor((channel) => (input) => {
    const key = keyOf(channel, input);
    const answer = waiting.get(key);
    if (answer) {
      waiting.delete(key);
      return answer;
    }
    waiting.clear();
    return (methods[channel] as Call)(input);
  });
  return {
    api,
    prefetch(channel, input) {
      const key = keyOf(channel, input);
      const call = methods[channel];
      if (call && !waiting.has(key)) waiting.set(key, call(input));
    },
  };
}
