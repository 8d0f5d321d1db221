/**
 * The health check's rules with a fixed clock, table-driven: the expiry horizon (60/30 days warning, 7 days and
 * expired error), the clock tolerance, and "new since the last run" (the decision behind the desktop
 * notification: Electron's Notification cannot run here, so the door only shows what this decides).
 */
import { describe, expect, it } from 'vitest';
import type { HealthFinding } from '../../../../shared/api/health-schemas.js';
import { clockFindings } from '../../../../main/app/health/clock-check.js';
import { expiryFinding } from '../../../../main/app/health/expiry-horizon.js';
import { healthNotification } from '../../../../main/app/health/health-notification.js';
import { newSinceLastRun } from '../../../../main/app/health/new-findings.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const plus = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

describe('expiry horizon', () => {
  const cases: { name: string; notBefore: string; notAfter: string; want: HealthFinding['severity']; id: string; fact: RegExp }[] = [
    { name: '400 days left', notBefore: plus(-10), notAfter: plus(400), want: 'ok', id: 'expiry:k:ok', fact: /^Valid until 2028-01-05 \(400 days left\)\.$/ },
    { name: '61 days left', notBefore: plus(-10), notAfter: plus(61.5), want: 'ok', id: 'expiry:k:ok', fact: /61 days left/ },
    { name: '60 days left', notBefore: plus(-10), notAfter: plus(60.5), want: 'warning', id: 'expiry:k:60', fact: /60 days left \(within 60 days\)/ },
    { name: '30 days left', notBefore: plus(-10), notAfter: plus(30.5), want: 'warning', id: 'expiry:k:30', fact: /within 30 days/ },
    { name: '8 days left', notBefore: plus(-10), notAfter: plus(8.5), want: 'warning', id: 'expiry:k:30', fact: /8 days left/ },
    { name: '7 days left', notBefore: plus(-10), notAfter: plus(7.5), want: 'error', id: 'expiry:k:7', fact: /within 7 days/ },
    { name: '1 day left', notBefore: plus(-10), notAfter: plus(1.5), want: 'error', id: 'expiry:k:7', fact: /1 day left/ },
    { name: 'expired', notBefore: plus(-100), notAfter: plus(-1), want: 'error', id: 'expiry:k:expired', fact: /^Expired on 2026-11-30\.$/ },
    { name: 'not valid yet', notBefore: plus(2), notAfter: plus(400), want: 'error', id: 'expiry:k:not-yet-valid', fact: /Not valid before 2026-12-03/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const finding = expiryFinding({ key: 'k', subject: 'Site certificate', notBefore: c.notBefore, notAfter: c.notAfter, now: NOW, fix: 'Renew it.', fixTarget: 'csr', ssoErrorCodes: [] });
      expect(finding.severity).toBe(c.want);
      expect(finding.id).toBe(c.id);
      expect(finding.fact).toMatch(c.fact);
      expect(finding.fix).toBe(c.want === 'ok' ? null : 'Renew it.');
    });
  }
});

describe('clock tolerance', () => {
  const read = (offsetSeconds: number) => [{ who: 'the site', key: 'site', dateHeader: new Date(NOW.getTime() + offsetSeconds * 1000).toUTCString(), readAt: NOW.getTime() }];
  it.each([
    [0, 'ok'],
    [180, 'ok'],
    [-181, 'ok'],
    [183, 'error'],
    [-600, 'error'],
  ] as const)('a Date %i s off is %s', (offset, want) => {
    const [finding] = clockFindings(read(offset), null, 180);
    expect(finding?.severity).toBe(want);
    expect(finding?.ssoErrorCodes).toEqual(want === 'error' ? [19] : []);
  });
  it('a missing or hostile Date header is a warning that says so, never a crash', () => {
    expect(clockFindings([{ who: 'the site', key: 's', dateHeader: null, readAt: 0 }], null, 180)[0]?.fact).toMatch(/sent no Date header/);
    expect(clockFindings([{ who: 'the site', key: 's', dateHeader: '<script>'.repeat(50), readAt: 0 }], null, 180)[0]?.fact).toMatch(/is not an HTTP date/);
  });
  it('the last response issued 10 minutes before it was checked: code 19', () => {
    const [finding] = clockFindings([], { clockDifferenceSeconds: 600, issueInstant: '2026-12-01T11:50:00Z', checkedAt: '2026-12-01T12:00:00Z' }, 180);
    expect(finding).toMatchObject({ severity: 'warning', ssoErrorCodes: [19], fixTarget: 'test' });
  });
});

describe('new since the last run (what the desktop notification announces)', () => {
  const f = (id: string, severity: HealthFinding['severity']): HealthFinding => ({ id, check: 'expiry', severity, subject: '', fact: '', actBy: null, fix: null, fixTarget: null, ssoErrorCodes: [] });
  it.each([
    { name: 'first run: every problem is new', previous: null, now: [f('a', 'error'), f('b', 'ok')], want: ['a'] },
    { name: 'the same problem again: nothing new', previous: [f('a', 'error')], now: [f('a', 'error')], want: [] },
    { name: 'a problem gone and another come', previous: [f('a', 'error')], now: [f('b', 'warning')], want: ['b'] },
    { name: 'ok last time, a problem now', previous: [f('a', 'ok')], now: [f('a', 'warning')], want: ['a'] },
    { name: 'crossing into the next expiry band is news', previous: [f('expiry:x:60', 'warning')], now: [f('expiry:x:30', 'warning')], want: ['expiry:x:30'] },
  ])('$name', ({ previous, now, want }) => {
    expect(newSinceLastRun(previous ? { findings: previous } : null, now)).toEqual(want);
  });
});

describe('the desktop notification\'s words', () => {
  const f = (id: string, severity: HealthFinding['severity'], subject: string): HealthFinding => ({ id, check: 'expiry', severity, subject, fact: 'Expired on 2026-11-30.', actBy: null, fix: null, fixTarget: null, ssoErrorCodes: [] });
  const run = (newIds: string[]) => ({ profileId: 'p', profileName: 'Prod', siteUrl: 'https://meet.example.com', ranAt: NOW.toISOString(), durationMs: 1, worst: 'error' as const, counts: { ok: 0, warning: 1, error: 1 }, nodes: [], findings: [f('w', 'warning', 'IdP signing certificates'), f('e', 'error', 'Site certificate')], newSinceLastRun: newIds });
  it('nothing new: no notification', () => {
    expect(healthNotification(run([]))).toBeNull();
  });
  it('something new: the site, the count, and the worst new finding first', () => {
    expect(healthNotification(run(['w', 'e']))).toEqual({ title: 'SSO health of meet.example.com: 2 new findings', body: 'Site certificate: Expired on 2026-11-30. (+1 more)' });
  });
});
