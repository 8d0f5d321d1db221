import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, parseSamlForm, parseSamlQuery } from '../../../../main/domains/signin/form-body-parser.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const FORM = 'application/x-www-form-urlencoded';

describe('parseSamlForm', () => {
  it.each([
    { name: 'plain form', body: 'SAMLResponse=PHg%2BPC94Pg%3D%3D&RelayState=abc', type: FORM, want: { samlResponse: 'PHg+PC94Pg==', relayState: 'abc' } },
    { name: 'no content type', body: 'SAMLResponse=QUJD', type: undefined, want: { samlResponse: 'QUJD', relayState: null } },
    { name: 'charset parameter', body: 'RelayState=r&SAMLResponse=QUJD', type: `${FORM}; charset=UTF-8`, want: { samlResponse: 'QUJD', relayState: 'r' } },
    { name: 'unescaped plus restored', body: 'SAMLResponse=ab+cd', type: FORM, want: { samlResponse: 'ab+cd', relayState: null } },
    { name: 'no SAMLResponse', body: 'foo=bar', type: FORM, want: { samlResponse: null, relayState: null } },
    { name: 'empty body', body: '', type: FORM, want: { samlResponse: null, relayState: null } },
    { name: 'garbage', body: '%%%&&&===\u0000\uFFFD', type: FORM, want: { samlResponse: null, relayState: null } },
    { name: 'bad percent escapes kept', body: 'SAMLResponse=%ZZ', type: FORM, want: { samlResponse: '%ZZ', relayState: null } },
    {
      name: 'multipart',
      body: '--XyZ\r\nContent-Disposition: form-data; name="SAMLResponse"\r\n\r\nQUJD\r\n--XyZ\r\nContent-Disposition: form-data; name="RelayState"\r\n\r\nr1\r\n--XyZ--\r\n',
      type: 'multipart/form-data; boundary=XyZ',
      want: { samlResponse: 'QUJD', relayState: 'r1' },
    },
  ])('$name', ({ body, type, want }) => {
    expect(parseSamlForm(bytes(body), type)).toEqual(want);
  });

  it('names the content type when the body is not a form', () => {
    expect(parseSamlForm(bytes('{"SAMLResponse":"x"}'), 'application/json').problem).toMatch(/application\/json, not an HTML form/);
  });

  it('refuses multipart without a boundary', () => {
    expect(parseSamlForm(bytes('x'), 'multipart/form-data').problem).toMatch(/no boundary/);
  });

  it('refuses an oversized body without parsing it', () => {
    const result = parseSamlForm(new Uint8Array(MAX_FORM_BYTES + 1), FORM);
    expect(result.samlResponse).toBeNull();
    expect(result.problem).toMatch(/more than/);
  });

  it('keeps only the first of repeated fields', () => {
    expect(parseSamlForm(bytes('SAMLResponse=first&SAMLResponse=second'), FORM).samlResponse).toBe('first');
  });
});

describe('parseSamlQuery', () => {
  it.each([
    ['https://s/acs?SAMLResponse=abc%2B&RelayState=r', { samlResponse: 'abc+', relayState: 'r' }],
    ['https://s/acs', { samlResponse: null, relayState: null }],
    ['https://s/acs?SAMLResponse=', { samlResponse: '', relayState: null }],
  ])('%s', (url, want) => {
    expect(parseSamlQuery(url)).toEqual(want);
  });

  it('says so when the address is not a URL', () => {
    expect(parseSamlQuery('not a url').problem).toMatch(/not a valid URL/);
  });
});
