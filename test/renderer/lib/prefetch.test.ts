import { describe, expect, it } from 'vitest';
import { createHttpApi } from '../../../renderer/src/lib/api-client';
import { withPrefetch } from '../../../renderer/src/lib/prefetch';

/** An HTTP api whose server counts the requests per channel and answers with that count. */
function countingApi() {
  const requests: string[] = [];
  const fetchImpl = (async (url: string) => {
    const channel = decodeURIComponent(url.slice('/api/'.length));
    requests.push(channel);
    return new Response(JSON.stringify({ ok: true, value: { channel, nth: requests.filter((c) => c === channel).length } }));
  }) as unknown as typeof fetch;
  return { requests, api: createHttpApi('tok', fetchImpl) };
}

describe('withPrefetch', () => {
  it('sends a prefetched read at once and hands its answer to the first identical call, without a second request', async () => {
    const { requests, api: direct } = countingApi();
    const { api, prefetch } = withPrefetch(direct);
    prefetch('profile.status', { id: 'p1' });
    expect(requests).toEqual(['profile.status']);
    expect(await api['profile.status']({ id: 'p1' })).toMatchObject({ ok: true, value: { nth: 1 } });
    expect(requests).toEqual(['profile.status']);
    // Used once: the next call asks the core again.
    expect(await api['profile.status']({ id: 'p1' })).toMatchObject({ ok: true, value: { nth: 2 } });
    expect(requests).toEqual(['profile.status', 'profile.status']);
  });

  it('does not hand an answer to a call with other input', async () => {
    const { requests, api: direct } = countingApi();
    const { api, prefetch } = withPrefetch(direct);
    prefetch('health.last', { profileId: 'p1' });
    await api['health.last']({ profileId: 'p2' });
    expect(requests).toEqual(['health.last', 'health.last']);
  });

  it('drops every waiting answer when another call is made first (it may change what they read)', async () => {
    const { requests, api: direct } = countingApi();
    const { api, prefetch } = withPrefetch(direct);
    prefetch('profile.status', { id: 'p1' });
    prefetch('health.last', { profileId: 'p1' });
    await api['site-steps.set']({ profileId: 'p1', step: 'sso-off', done: true });
    expect(await api['profile.status']({ id: 'p1' })).toMatchObject({ ok: true, value: { nth: 2 } });
    expect(await api['health.last']({ profileId: 'p1' })).toMatchObject({ ok: true, value: { nth: 2 } });
    expect(requests).toEqual(['profile.status', 'health.last', 'site-steps.set', 'profile.status', 'health.last']);
  });

  it('sends one request when the same read is prefetched twice', () => {
    const { requests, api: direct } = countingApi();
    const { prefetch } = withPrefetch(direct);
    prefetch('profile.status', { id: 'p1' });
    prefetch('profile.status', { id: 'p1' });
    expect(requests).toEqual(['profile.status']);
  });
});
