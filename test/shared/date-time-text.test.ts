import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../shared/date-time-text.js';

describe('formatDateTime: one format for every date and time people read', () => {
  it.each([
    { name: 'an ISO time in UTC', input: '2026-11-30T19:26:59.123Z', want: '2026-11-30 19:26:59 UTC' },
    { name: 'an ISO time with an offset, shown in UTC', input: '2026-11-30T20:26:59+01:00', want: '2026-11-30 19:26:59 UTC' },
    { name: 'a Date', input: new Date(Date.UTC(2027, 0, 2, 3, 4, 5)), want: '2027-01-02 03:04:05 UTC' },
    { name: 'two times of one minute stay apart', input: '2026-11-30T19:26:01Z', want: '2026-11-30 19:26:01 UTC' },
    { name: 'garbage, returned as given', input: 'not a date', want: 'not a date' },
    { name: 'an empty string', input: '', want: '' },
  ])('$name', ({ input, want }) => {
    expect(formatDateTime(input)).toBe(want);
  });

  it('writes a day without a time for validity dates', () => {
    expect(formatDate('2027-03-01T23:59:59Z')).toBe('2027-03-01');
    expect(formatDate('nonsense')).toBe('nonsense');
  });
});
