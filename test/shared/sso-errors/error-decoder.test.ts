import { describe, expect, it } from 'vitest';
import { SSO_ERRORS } from '../../../shared/sso-errors/catalogue.js';
import { decodeSsoError, normaliseSsoText, queryParameters } from '../../../shared/sso-errors/error-decoder.js';

const codes = (input: string) => decodeSsoError(input).matches.map((m) => m.entry.code);

describe('decodeSsoError', () => {
  it.each(SSO_ERRORS.map((e) => [e.code, e] as const))('reaches code %i by number, description, message and URL', (code, entry) => {
    expect(codes(String(code))).toEqual([code]);
    expect(codes(entry.description)).toEqual([code]);
    expect(codes(entry.message)).toEqual([code]);
    expect(codes(entry.message.toUpperCase().replace(/\./g, '!'))).toEqual([code]);
    expect(codes(`https://meet.example.com/orion/error?errorCode=${code}`)).toEqual([code]);
    expect(codes(`https://meet.example.com/error.do?reason=${encodeURIComponent(entry.message)}`)).toEqual([code]);
  });

  it('no description is hidden inside another (so a pasted block cannot match the wrong one)', () => {
    const keys = SSO_ERRORS.map((e) => normaliseSsoText(e.description).replace(/ /g, ''));
    for (const [i, a] of keys.entries()) for (const [j, b] of keys.entries()) if (i !== j) expect(b.includes(a), `${a} in ${b}`).toBe(false);
  });

  it.each([
    { name: 'code with #', input: '#23', want: [23] },
    { name: 'code with spaces', input: '  7 ', want: [7] },
    { name: 'X509 spelt without the dot', input: 'x509 certificate has expired', want: [15] },
    { name: 'tail only partly', input: 'Untrusted Issuer. Contact your administrator', want: [24] },
    { name: 'prose code', input: 'The page said: Error code: 19, try again later', want: [19] },
    { name: 'fragment parameter', input: 'https://meet.example.com/#/error?ssoErrorCode=28', want: [28] },
    { name: 'bare query', input: '?error=5', want: [5] },
    { name: 'plus-encoded message', input: 'https://meet.example.com/x?msg=Invalid+digital+signature.+Contact+your+administrator', want: [23] },
    {
      name: 'page source with tags and entities',
      input: '<div class="err"><p>Name&nbsp;Identifier format is <b>incorrect</b>.&nbsp;Contact your administrator for further support.</p><a href="/help?x=1">help</a></div>',
      want: [25],
    },
    {
      name: 'pasted page with two messages',
      input: 'Sign in\nSSO Redirection Failed\nInvalid Response message. Contact your administrator for further support.\n\nSAML assertion is unsigned.',
      want: [29, 20],
    },
  ])('$name', ({ input, want }) => {
    const result = decodeSsoError(input);
    expect(result.status).toBe('found');
    expect(codes(input)).toEqual(want);
  });

  it('names the troubleshooting topic in pasted text', () => {
    const result = decodeSsoError('SSO Redirection Failed. Please contact your administrator.');
    expect(result.status).toBe('found');
    expect(result.topics.map((t) => t.id)).toEqual(['redirection-failed']);
    expect(decodeSsoError('A Cisco WebEx Meetings Server certificate has not been imported into the SAML IdP.').topics.map((t) => t.id)).toEqual(['disaster-recovery']);
  });

  it.each([
    { input: '0', nearest: [] as number[] },
    { input: '33', nearest: [] },
    { input: 'Invalid digitl signatur', nearest: [23] },
    { input: 'assertion expired', nearest: [19] },
    { input: 'qqqqqqqqqqqqqqqqqqqq', nearest: [] },
    { input: '', nearest: [] },
  ])('unknown input "$input" says so and lists the nearest', ({ input, nearest }) => {
    const result = decodeSsoError(input);
    expect(result.status).toBe('unknown');
    expect(result.matches).toEqual([]);
    expect(result.note.length).toBeGreaterThan(10);
    if (nearest.length > 0) expect(result.nearest[0]?.code).toBe(nearest[0]);
    else expect(result.nearest).toEqual([]);
  });

  it('survives hostile and oversized input quickly', () => {
    const start = performance.now();
    expect(decodeSsoError('%E0%A4%A'.repeat(1000) + '?a=%ZZ&b').status).toBe('unknown');
    expect(decodeSsoError('a '.repeat(500_000)).status).toBe('unknown');
    expect(decodeSsoError(`${'x'.repeat(150_000)} Untrusted Issuer`).matches[0]?.entry.code).toBe(24);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('parses query strings by hand', () => {
    expect(queryParameters('see https://h/p?a=1&b=x%20y#c=2 now')).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: 'x y' },
      { key: 'c', value: '2' },
    ]);
  });
});
