import { describe, expect, it } from 'vitest';
import { breakPoints } from '../../../renderer/src/kit/break-points';

describe('breakPoints', () => {
  it.each([
    { name: 'a URN wraps between its parts', input: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri', want: ['urn:', 'oasis:', 'names:', 'tc:', 'SAML:', '2.', '0:', 'attrname-format:', 'uri'] },
    { name: 'a URL after its slashes and dots', input: 'https://idp.example/adfs/ls?x=1&y=2', want: ['https:', '/', '/', 'idp.', 'example/', 'adfs/', 'ls?', 'x=', '1&', 'y=', '2'] },
    { name: 'a word stays whole', input: 'SAML_SUBJECT', want: ['SAML_SUBJECT'] },
    { name: 'empty text', input: '', want: [''] },
    { name: 'a trailing separator makes no empty part', input: 'a/', want: ['a/'] },
    { name: 'only separators', input: '://', want: [':', '/', '/'] },
    { name: 'a newline does not hide a separator', input: 'a/\nb', want: ['a/', '\nb'] },
  ])('$name', ({ input, want }) => {
    expect(breakPoints(input)).toEqual(want);
    expect(breakPoints(input).join('')).toBe(input);
  });

  it('keeps every character of hostile input, in order', () => {
    const hostile = `<script>alert(1)</script>${'/'.repeat(5000)}\u0000\u202e:x`;
    expect(breakPoints(hostile).join('')).toBe(hostile);
  });
});
