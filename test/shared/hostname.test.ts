import { describe, expect, it } from 'vitest';
import { hostnameProblem } from '../../shared/hostname.js';

describe('hostnameProblem', () => {
  it.each([
    ['meet.example.com', {}, null],
    ['a-b.c1.example', {}, null],
    ['*.example.com', { allowWildcard: true }, null],
    ['*.com', { allowWildcard: true }, /top-level/],
    ['*.example.com', {}, /wildcard/],
    ['w*.example.com', { allowWildcard: true }, /not the whole left-most label/],
    ['a.*.example.com', { allowWildcard: true }, /not the whole left-most label|invalid label/],
    ['', {}, /empty/],
    [`${'a'.repeat(64)}.example.com`, {}, /invalid label/],
    [`${'a.'.repeat(127)}com`, {}, /longer than 253/],
    ['192.168.1.1', {}, /IP address/],
    ['::1', {}, /IP address/],
    ['example.123', {}, /numeric top-level/],
    ['exa mple.com', {}, /invalid label/],
  ] as const)('%s %o', (host, options, expected) => {
    const problem = hostnameProblem(host, options);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
