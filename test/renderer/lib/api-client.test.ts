// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createHttpApi, takeBrowserModeToken } from '../../../renderer/src/lib/api-client';

describe('takeBrowserModeToken', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc_DEF-123');
    sessionStorage.clear();
    expect(takeBrowserModeToken(window.location, sessionStorage, window.history)).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(sessionStorage.getItem('sso-wizard-token')).toBe('abc_DEF-123');
    // A reload has no fragment any more but the tab still has its token.
    expect(takeBrowserModeToken(window.location, sessionStorage, window.history)).toBe('abc_DEF-123');
  });

  it('has no token when none was given', () => {
    window.history.replaceState(null, '', '/#other=1');
    sessionStorage.clear();
    expect(takeBrowserModeToken(window.location, sessionStorage, window.history)).toBeNull();
  });
});

describe('createHttpApi', () => {
  it('posts JSON with the token header to /api/<channel>', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { profiles: [], activeProfileId: null } }));
    }) as unknown as typeof fetch;
    const api = createHttpApi('tok', fetchImpl);
    expect(await api['profile.list']({})).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
    expect(calls[0]?.url).toBe('/api/profile.list');
    expect(calls[0]?.init.headers).toMatchObject({ 'x-sso-wizard-token': 'tok', 'Content-Type': 'application/json' });
  });

  it('says how to get in when there is no token, without calling the server', async () => {
    let called = false;
    const api = createHttpApi(null, (async () => {
      called = true;
      return new Response('{}');
    }) as unknown as typeof fetch);
    expect(await api['app.info']({})).toMatchObject({ ok: false, error: { code: 'forbidden', hint: expect.stringMatching(/link it printed/) } });
    expect(called).toBe(false);
  });

  it('turns a dead server into a clear result', async () => {
    const api = createHttpApi('tok', (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    expect(await api['app.info']({})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not answer/) } });
  });
});
