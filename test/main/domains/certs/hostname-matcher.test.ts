import { describe, expect, it } from 'vitest';
import { matchHost, nameCoversHost } from '../../../../main/domains/certs/hostname-matcher.js';

describe('nameCoversHost (RFC 6125 §6.4.3)', () => {
  const cases: { pattern: string; host: string; want: boolean }[] = [
    { pattern: 'meet.example.com', host: 'meet.example.com', want: true },
    { pattern: 'MEET.Example.COM', host: 'meet.example.com', want: true },
    { pattern: 'meet.example.com.', host: 'meet.example.com', want: true },
    { pattern: 'meet.example.com', host: 'join.example.com', want: false },
    { pattern: '*.example.com', host: 'meet.example.com', want: true },
    { pattern: '*.example.com', host: 'example.com', want: false },
    { pattern: '*.example.com', host: 'a.meet.example.com', want: false },
    { pattern: 'm*.example.com', host: 'meet.example.com', want: false },
    { pattern: '*eet.example.com', host: 'meet.example.com', want: false },
    { pattern: 'meet.*.com', host: 'meet.example.com', want: false },
    { pattern: '*.com', host: 'example.com', want: false },
    { pattern: '*.*.example.com', host: 'a.b.example.com', want: false },
    { pattern: '', host: 'meet.example.com', want: false },
  ];
  it.each(cases)('$pattern vs $host → $want', ({ pattern, host, want }) => {
    expect(nameCoversHost(pattern, host)).toBe(want);
  });
});

describe('matchHost: SAN first, CN only without DNS SANs (RFC 6125 §6.4.4)', () => {
  it('matches by SAN', () => expect(matchHost('meet.example.com', ['x.example.com', '*.example.com'], null)).toEqual({ matched: true, by: 'san', name: '*.example.com' }));
  it('falls back to the CN when there are no SANs', () => expect(matchHost('meet.example.com', [], 'meet.example.com')).toEqual({ matched: true, by: 'cn', name: 'meet.example.com' }));
  it('ignores the CN when SANs exist', () => expect(matchHost('meet.example.com', ['other.example.com'], 'meet.example.com').matched).toBe(false));
});
