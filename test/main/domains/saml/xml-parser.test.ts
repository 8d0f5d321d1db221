import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_XML_CHARS, MAX_XML_NODES, NS, childElements, parseXmlSafely } from '../../../../main/domains/saml/xml-parser.js';

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
    { name: 'a million elements', xml: `<r>${'<a/>'.repeat(1_000_000)}</r>`, reason: 'too-large' },
    { name: 'a quarter of a million attributes', xml: `<r ${Array.from({ length: 250_000 }, (_, i) => `a${i}=""`).join(' ')}/>`, reason: 'too-large' },
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

  it('counts elements and attributes before parsing, not end tags, comments, CDATA or processing instructions', () => {
    const over = parseXmlSafely(`<r>${'<a/>'.repeat(MAX_XML_NODES)}</r>`, { what: 'The IdP metadata' });
    expect(over).toMatchObject({ ok: false, reason: 'too-large', problem: `The IdP metadata has about ${(MAX_XML_NODES + 1).toLocaleString('en-US')} elements and attributes, more than the 200,000 allowed (a real one has a few thousand at most); it was not parsed.` });
    // 60,000 elements, each with an end tag, a comment, a CDATA section and a processing instruction: 300,000 "<".
    const under = parseXmlSafely(`<r>${'<a><!--c--><![CDATA[d]]><?p?></a>'.repeat(60_000)}</r>`);
    expect(under.ok).toBe(true);
  });
});
