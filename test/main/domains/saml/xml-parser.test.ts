import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_XML_CHARS, NS, childElements, parseXmlSafely } from '../../../../main/domains/saml/xml-parser.js';

describe('parseXmlSafely', () => {
  it('parses SAML and keeps namespaces; children are direct children only', () => {
    const parsed = parseXmlSafely('<?xml version="1.0"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>x</saml:Issuer><samlp:Extensions><saml:Issuer>y</saml:Issuer></samlp:Extensions></samlp:Response>');
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.root.localName).toBe('Response');
    expect(childElements(parsed.root, NS.saml, 'Issuer').map((e) => e.textContent)).toEqual(['x']);
  });

  it.each([
    { name: 'empty', xml: '   ', reason: 'empty' },
    { name: 'DOCTYPE', xml: '<!DOCTYPE a><a/>', reason: 'doctype' },
    { name: 'internal entity', xml: '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', reason: 'doctype' },
    { name: 'external entity', xml: '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>', reason: 'doctype' },
    { name: 'spaced declaration', xml: '<! DOCTYPE a><a/>', reason: 'doctype' },
    { name: 'oversized', xml: `<a>${'x'.repeat(DEFAULT_MAX_XML_CHARS)}</a>`, reason: 'too-large' },
    { name: 'truncated', xml: '<a><b></a>', reason: 'malformed' },
    { name: 'not XML', xml: 'hello', reason: 'malformed' },
    { name: 'undeclared prefix', xml: '<x:a/>', reason: 'malformed' },
    { name: 'undefined entity', xml: '<a>&nope;</a>', reason: 'malformed' },
  ])('refuses $name ($reason)', ({ xml, reason }) => {
    const result = parseXmlSafely(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.problem.length).toBeGreaterThan(10);
    }
  });

  it('names what it parsed in the message', () => {
    const result = parseXmlSafely('', { what: 'The IdP metadata' });
    expect(!result.ok && result.problem).toBe('The IdP metadata is empty.');
  });
});
