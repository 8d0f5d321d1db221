import { describe, expect, it } from 'vitest';
import { dataDirFromArgs } from '../../../../main/doors/electron/data-dir-arg.js';

describe('dataDirFromArgs', () => {
  it.each([
    { name: 'separate value', argv: ['/opt/electron', '/app', '--data-dir', '/tmp/x'], want: '/tmp/x' },
    { name: 'joined value', argv: ['/opt/electron', '/app', '--data-dir=/tmp/y'], want: '/tmp/y' },
    { name: 'absent', argv: ['/opt/electron', '/app'], want: undefined },
    { name: 'no value before another option', argv: ['/opt/electron', '--data-dir', '--no-open'], want: undefined },
    { name: 'empty joined value', argv: ['/opt/electron', '--data-dir='], want: undefined },
    { name: 'at the end, no value', argv: ['/opt/electron', '--data-dir'], want: undefined },
  ])('$name', ({ argv, want }) => {
    expect(dataDirFromArgs(argv)).toBe(want);
  });
});
