/**
 * The one way SAML XML is parsed. A document type declaration is refused before any parsing, so internal
 * entity expansion ("billion laughs") and external entities (XXE, e.g. file:///etc/passwd) are never processed
 * (OWASP XXE Prevention Cheat Sheet; SAML 2.0 messages never need a DTD: saml-bindings §3.5.5.2 / §3.4.4.1
 * recommend refusing them). Size is capped before parsing too.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/** SAML messages and AD FS federation metadata are far below this; anything larger is refused, not parsed. */
export const DEFAULT_MAX_XML_CHARS = 4 * 1024 * 1024;

/**
 * At most this many elements and attributes, counted by their "<" and "=" before parsing. An AD FS
 * FederationMetadata.xml has a few thousand, a SAML response a few hundred. The parsed tree costs about 0.9 KB
 * per node, so 4 MB of `<a/>` would need 900 MB: more than the parser worker may have (512 MB), and a worker that
 * reaches its heap limit can take the whole process down with it instead of ending alone (nodejs/node#47224;
 * seen here about one run in six).
 */
export const MAX_XML_NODES = 200_000;

export type XmlRefusal = 'empty' | 'too-large' | 'doctype' | 'malformed';

export type XmlParseResult = { ok: true; document: Document; root: Element } | { ok: false; reason: XmlRefusal; problem: string };

export function parseXmlSafely(xml: string, options: { maxChars?: number; what?: string } = {}): XmlParseResult {
  const what = options.what ?? 'The XML';
  const maxChars = options.maxChars ?? DEFAULT_MAX_XML_CHARS;
  if (xml.trim() === '') return { ok: false, reason: 'empty', problem: `${what} is empty.` };
  if (xml.length > maxChars) {
    return { ok: false, reason: 'too-large', problem: `${what} is ${xml.length} characters, more than the ${maxChars} allowed; it was not parsed.` };
  }
  // Any DOCTYPE or ENTITY declaration, in any case and anywhere (also after comments), is refused outright.
  if (/<!\s*(?:DOCTYPE|ENTITY)/i.test(xml)) {
    return {
      ok: false,
      reason: 'doctype',
      problem: `${what} contains a document type declaration (<!DOCTYPE or <!ENTITY). SAML never needs one, and it can carry entity-expansion or external-entity attacks, so it was refused without being parsed.`,
    };
  }
  const nodes = countNodes(xml);
  if (nodes > MAX_XML_NODES) {
    return {
      ok: false,
      reason: 'too-large',
      problem: `${what} has about ${nodes.toLocaleString('en-US')} elements and attributes, more than the ${MAX_XML_NODES.toLocaleString('en-US')} allowed (a real one has a few thousand at most); it was not parsed.`,
    };
  }
  const problems: string[] = [];
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    return { ok: false, reason: 'malformed', problem: `${what} is not well-formed XML: ${firstLine((error as Error).message)}` };
  }
  const root = document.documentElement;
  if (problems.length > 0 || !root) {
    return { ok: false, reason: 'malformed', problem: `${what} is not well-formed XML: ${firstLine(problems[0] ?? 'no root element')}` };
  }
  return { ok: true, document, root };
}

/**
 * An upper bound on the elements and attributes a parse would build: every element starts with "<" (not "</",
 * "<!" or "<?"), every attribute has an "=".
 */
function countNodes(xml: string): number {
  let count = 0;
  for (let i = 0; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (code === 61) count++; // "="
    else if (code === 60) {
      const next = xml.charCodeAt(i + 1);
      if (next !== 47 && next !== 33 && next !== 63) count++; // "<" not followed by "/", "!" or "?"
    }
  }
  return count;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 200);
}

/** Child elements of `parent` with the given namespace and local name (direct children only: position matters in SAML). */
export function childElements(parent: Element | Document, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
    }
  }
  return found;
}

export function firstChild(parent: Element | Document, namespace: string, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** All descendant elements with the namespace and local name, in document order. */
export function descendants(parent: Element | Document, namespace: string, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(namespace, localName));
}

export function textOf(element: Element | undefined): string | null {
  if (!element) return null;
  return (element.textContent ?? '').trim();
}

export function attributeOf(element: Element | undefined, name: string): string | null {
  if (!element || !element.hasAttribute(name)) return null;
  return element.getAttribute(name);
}

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xenc11: 'http://www.w3.org/2009/xmlenc11#',
  fed: 'http://docs.oasis-open.org/wsfed/federation/200706',
  auth: 'http://docs.oasis-open.org/wsfed/authorization/200706',
  wst: 'http://schemas.xmlsoap.org/ws/2005/02/trust',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;
