import { describe, expect, it } from 'vitest';
import { defaultServiceProvider, parseSiteUrl } from '../../shared/site-url.js';

describe('parseSiteUrl', () => {
  const good: Array<{ name: string; input: string; href: string; host: string }> = [
    { name: 'plain', input: 'https://meet.example.com', href: 'https://meet.example.com', host: 'meet.example.com' },
    { name: 'upper case and trailing slash', input: ' HTTPS://Meet.Example.COM/ ', href: 'https://meet.example.com', host: 'meet.example.com' },
    { name: 'default port dropped', input: 'https://meet.example.com:443', href: 'https://meet.example.com', host: 'meet.example.com' },
    { name: 'other port kept', input: 'https://meet.example.com:8443/', href: 'https://meet.example.com:8443', host: 'meet.example.com' },
    { name: 'path kept', input: 'https://example.com/meet/', href: 'https://example.com/meet', host: 'example.com' },
  ];
  it.each(good)('accepts $name', ({ input, href, host }) => {
    const result = parseSiteUrl(input);
    expect(result).toMatchObject({ ok: true, url: { href, host } });
  });

  const bad: Array<{ name: string; input: string; problem: RegExp }> = [
    { name: 'empty', input: '  ', problem: /Enter the site URL/ },
    { name: 'plain http', input: 'http://meet.example.com', problem: /must use https:\/\/.*not http:\/\// },
    { name: 'not a URL', input: 'meet.example.com', problem: /is not a URL/ },
    { name: 'credentials', input: 'https://user:pw@meet.example.com', problem: /user name or password/ },
    { name: 'query', input: 'https://meet.example.com/?a=1', problem: /query/ },
    { name: 'fragment', input: 'https://meet.example.com/#x', problem: /fragment/ },
    { name: 'IP address', input: 'https://10.0.0.5', problem: /IP address/ },
    { name: 'single label', input: 'https://meet', problem: /at least two labels/ },
    { name: 'underscore', input: 'https://me_et.example.com', problem: /invalid label "me_et"/ },
    { name: 'leading hyphen', input: 'https://-meet.example.com', problem: /invalid label/ },
    { name: 'wildcard', input: 'https://*.example.com', problem: /wildcard/ },
    { name: 'bad port', input: 'https://meet.example.com:99999', problem: /port "99999"/ },
    { name: 'empty port', input: 'https://meet.example.com:', problem: /port ""/ },
    { name: 'space in path', input: 'https://meet.example.com/a b', problem: /spaces/ },
    { name: 'ftp', input: 'ftp://meet.example.com', problem: /not ftp:\/\// },
  ];
  it.each(bad)('refuses $name with a message that says why', ({ input, problem }) => {
    const result = parseSiteUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

describe('defaultServiceProvider', () => {
  it('derives the entity ID and ACS URL from the site URL, never from a fixed host', () => {
    for (const [site, entity, acs] of [
      ['https://meet.example.com', 'https://meet.example.com', 'https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet'],
      ['https://conf.corp.example.org:8443', 'https://conf.corp.example.org:8443', 'https://conf.corp.example.org:8443/dispatcher/SAML2AuthService?siteurl=conf'],
    ] as const) {
      const parsed = parseSiteUrl(site);
      if (!parsed.ok) throw new Error(parsed.problem);
      expect(defaultServiceProvider(parsed.url)).toEqual({ spEntityId: entity, acsUrl: acs });
    }
  });
});
