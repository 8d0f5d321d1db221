import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostFileName } from '../../../main/platform/host-file-name.js';

describe('hostFileName (every file written for the user is named after the site host this one way)', () => {
  it.each([
    { name: 'a plain host', host: 'meet.example.com', suffix: '.csr', want: 'meet.example.com.csr' },
    { name: 'a wildcard', host: '*.example.com', suffix: '.pfx', want: 'wildcard.example.com.pfx' },
    { name: 'a port (":" is refused on Windows)', host: 'meet.example.com:8443', suffix: '-sp-metadata.xml', want: 'meet.example.com_8443-sp-metadata.xml' },
    { name: 'no suffix (a folder)', host: 'conf.contoso.org', suffix: undefined, want: 'conf.contoso.org' },
    { name: 'path separators', host: '../../etc/passwd', suffix: '.cer', want: '__.._etc_passwd.cer' },
    { name: 'a backslash and a drive', host: 'C:\\Windows\\x', suffix: '.cer', want: 'C__Windows_x.cer' },
    { name: 'non-ASCII letters', host: 'bücher.example', suffix: '.csr', want: 'b_cher.example.csr' },
    { name: 'control characters', host: 'a\u0000b\nc', suffix: '.csr', want: 'a_b_c.csr' },
    { name: 'only dots', host: '..', suffix: '.csr', want: '_.csr' },
    { name: 'nothing', host: '   ', suffix: '.csr', want: 'site.csr' },
  ])('$name', ({ host, suffix, want }) => {
    expect(hostFileName(host, suffix)).toBe(want);
  });
});

describe('hostFileName, for any text at all (fast-check)', () => {
  it('gives a name of letters, digits, dots, hyphens and underscores that does not start with a dot, ending in the suffix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', '.csr', '-sp-metadata.xml'), (host, suffix) => {
        const name = hostFileName(host, suffix);
        expect(name.endsWith(suffix)).toBe(true);
        const stem = name.slice(0, name.length - suffix.length);
        expect(stem).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
      }),
      { numRuns: 2000 },
    );
  });
});
