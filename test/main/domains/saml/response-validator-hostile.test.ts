/**
 * Hostile inputs: entity-expansion and external-entity documents, the classic signature-wrapping shapes built
 * from a real signed SimpleSAMLphp response, tampering, and garbage. None may ever be reported as valid.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthnRequest } from '../../../../main/domains/saml/authn-request-builder.js';
import { validateSamlResponse } from '../../../../main/domains/saml/response-validator.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { NS, childElements, firstChild, parseXmlSafely } from '../../../../main/domains/saml/xml-parser.js';
import type { ValidationReport } from '../../../../shared/saml/validation-report.js';
import { loginAtIdp } from '../../../support/idp-login.js';
import { startSimpleSamlIdp } from '../../../support/simplesamlphp.js';
import { xmlsecVerify } from '../../../support/xmlsec-verify.js';

const SP = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
let signedXml = '';
let idp = { entityId: '', certificatePem: '' };
let requestId = '';
let scratch = '';

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-hostile-'));
  const server = await startSimpleSamlIdp({ spMetadataXml: buildSpMetadata({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl }) });
  try {
    const request = buildAuthnRequest({ spEntityId: SP.spEntityId, acsUrl: SP.acsUrl, idpSsoUrl: server.ssoUrl, now: new Date() });
    requestId = request.id;
    const login = await loginAtIdp({ ssoUrl: request.redirectUrl, username: 'alice', password: 'alice-pass' });
    signedXml = Buffer.from(login.samlResponse, 'base64').toString('utf8');
    idp = { entityId: server.entityId, certificatePem: server.certificatePem };
  } finally {
    await server.stop();
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(xml: string): ValidationReport {
  return validateSamlResponse({
    samlResponse: Buffer.from(xml).toString('base64'),
    binding: 'POST',
    sp: SP,
    idp: { entityId: idp.entityId, certificatesPem: [idp.certificatePem] },
    requestId,
    now: new Date(),
  });
}

function load(xml: string): { doc: Document; response: Element; assertion: Element } {
  const parsed = parseXmlSafely(xml);
  if (!parsed.ok) throw new Error(parsed.problem);
  const assertion = childElements(parsed.root, NS.saml, 'Assertion')[0];
  if (!assertion) throw new Error('no assertion');
  return { doc: parsed.document, response: parsed.root, assertion };
}

const serialise = (doc: Document) => new XMLSerializer().serializeToString(doc);

/** An unsigned copy of the assertion for another user. */
function evilCopy(assertion: Element, keepId: boolean): Element {
  const evil = assertion.cloneNode(true) as Element;
  const signature = firstChild(evil, NS.ds, 'Signature');
  if (signature) evil.removeChild(signature);
  if (!keepId) evil.setAttribute('ID', '_evil0123456789');
  const nameId = evil.getElementsByTagNameNS(NS.saml, 'NameID')[0];
  if (nameId) nameId.textContent = 'mallory@evil.example';
  for (const value of Array.from(evil.getElementsByTagNameNS(NS.saml, 'AttributeValue'))) {
    if (value.textContent === 'alice@example.com') value.textContent = 'mallory@evil.example';
  }
  return evil;
}

function withoutResponseSignature(xml: string): { doc: Document; response: Element; assertion: Element } {
  const loaded = load(xml);
  const signature = firstChild(loaded.response, NS.ds, 'Signature');
  if (signature) loaded.response.removeChild(signature);
  return loaded;
}

type Shape = { name: string; build: () => string };

const SHAPES: Shape[] = [
  {
    name: 'evil assertion before the signed one',
    build: () => {
      const { doc, response, assertion } = withoutResponseSignature(signedXml);
      response.insertBefore(evilCopy(assertion, false), assertion);
      return serialise(doc);
    },
  },
  {
    name: 'evil assertion after the signed one',
    build: () => {
      const { doc, response, assertion } = withoutResponseSignature(signedXml);
      response.appendChild(evilCopy(assertion, false));
      return serialise(doc);
    },
  },
  ...[false, true].map((keepId) => ({
    name: `signed assertion moved into Extensions, evil one in place${keepId ? ' (same ID)' : ''}`,
    build: () => {
      const { doc, response, assertion } = withoutResponseSignature(signedXml);
      const evil = evilCopy(assertion, keepId);
      const extensions = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      response.replaceChild(evil, assertion);
      extensions.appendChild(assertion);
      response.insertBefore(extensions, firstChild(response, NS.samlp, 'Status') ?? null);
      return serialise(doc);
    },
  })),
  ...[false, true].map((keepId) => ({
    name: `signed assertion moved into the evil assertion's ds:Object${keepId ? ' (same ID)' : ''}`,
    build: () => {
      const { doc, response, assertion } = withoutResponseSignature(signedXml);
      const evil = evilCopy(assertion, keepId);
      const signature = firstChild(assertion, NS.ds, 'Signature') as Element;
      const object = doc.createElementNS(NS.ds, 'ds:Object');
      const moved = assertion.cloneNode(true) as Element;
      const movedSig = firstChild(moved, NS.ds, 'Signature');
      if (movedSig) moved.removeChild(movedSig);
      const sigCopy = signature.cloneNode(true) as Element;
      object.appendChild(moved);
      sigCopy.appendChild(object);
      evil.insertBefore(sigCopy, evil.firstChild?.nextSibling ?? null);
      response.replaceChild(evil, assertion);
      return serialise(doc);
    },
  })),
  ...(['Id', 'id'] as const).map((name) => ({
    // The verifier looks up only SAML's "ID"; an evil element carrying the signed ID under another spelling must
    // neither be taken for the signed one nor let the signed one vouch for it.
    name: `signed assertion moved into Extensions, evil one in place with the signed ID as "${name}"`,
    build: () => {
      const { doc, response, assertion } = withoutResponseSignature(signedXml);
      const evil = evilCopy(assertion, false);
      evil.removeAttribute('ID');
      evil.setAttribute(name, assertion.getAttribute('ID') ?? '');
      const extensions = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      response.replaceChild(evil, assertion);
      extensions.appendChild(assertion);
      response.insertBefore(extensions, firstChild(response, NS.samlp, 'Status') ?? null);
      return serialise(doc);
    },
  })),
  {
    name: 'duplicated Response: evil Response wrapping the signed one in Extensions',
    build: () => {
      const { doc, response, assertion } = load(signedXml);
      const evilResponse = response.cloneNode(false) as Element;
      evilResponse.setAttribute('ID', '_evilresponse');
      const issuer = firstChild(response, NS.saml, 'Issuer');
      if (issuer) evilResponse.appendChild(issuer.cloneNode(true));
      const extensions = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      extensions.appendChild(response.cloneNode(true));
      evilResponse.appendChild(extensions);
      const status = firstChild(response, NS.samlp, 'Status');
      if (status) evilResponse.appendChild(status.cloneNode(true));
      evilResponse.appendChild(evilCopy(assertion, false));
      doc.replaceChild(evilResponse, response);
      return serialise(doc);
    },
  },
  {
    name: 'duplicated Response: signed Response nested after the evil assertion',
    build: () => {
      const { doc, response, assertion } = load(signedXml);
      const evilResponse = response.cloneNode(true) as Element;
      const evilAssertion = childElements(evilResponse, NS.saml, 'Assertion')[0] as Element;
      evilResponse.replaceChild(evilCopy(assertion, true), evilAssertion);
      const extensions = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      extensions.appendChild(response.cloneNode(true));
      evilResponse.appendChild(extensions);
      doc.replaceChild(evilResponse, response);
      return serialise(doc);
    },
  },
];

describe('signature wrapping shapes are never valid', () => {
  it('the untouched response is valid (the shapes below start from it)', () => {
    expect(validate(signedXml).signsIn).toBe(true);
  });

  it.each(SHAPES)('$name', ({ build }) => {
    const xml = build();
    const report = validate(xml);
    expect(report.signsIn).toBe(false);
    expect(report.subject).toBeUndefined();
    expect(report.findings.some((f) => f.severity === 'error')).toBe(true);
    // Whatever was decoded for display never claims the attacker's identity as signed content.
    if (report.decoded.signingCertificate?.source === 'configured') expect(report.decoded.nameId).not.toBe('mallory@evil.example');
  });
});

describe('comment injection (CVE-2017-11427 class)', () => {
  it('a comment inside the NameID does not truncate the identity: the whole signed text is read', () => {
    // Comments are outside the canonical form, so the signature still verifies; a reader taking only the first
    // text node would see "alice@exa" — this one reads what was signed.
    const xml = signedXml.replace(/(<saml:NameID[^>]*>)alice@example\.com/, '$1alice@exa<!-- injected -->mple.com');
    expect(xml).toContain('<!-- injected -->');
    const report = validate(xml);
    expect(xmlsecVerify(xml, idp.certificatePem, 'Assertion')).toBe(true);
    expect(report.decoded.nameId).toBe('alice@example.com');
    expect(report.subject ?? 'alice@example.com').toBe('alice@example.com');
  });
});

describe('tampering, checked against xmlsec1', () => {
  const tampered: Shape[] = [
    { name: 'NameID changed after signing', build: () => signedXml.replace(/(<saml:NameID[^>]*>)[^<]+/, '$1mallory@evil.example') },
    {
      name: 'SignatureValue of the assertion altered',
      build: () => {
        const { doc, assertion } = load(signedXml);
        const value = assertion.getElementsByTagNameNS(NS.ds, 'SignatureValue')[0] as Element;
        const text = value.textContent ?? '';
        value.textContent = `${text.slice(0, 10)}${text[10] === 'A' ? 'B' : 'A'}${text.slice(11)}`;
        return serialise(doc);
      },
    },
    { name: 'attribute value changed after signing', build: () => signedXml.replace('>Liddell<', '>Hacker<') },
  ];
  it.each(tampered)('$name: refused with 23, like xmlsec1', ({ build }) => {
    const xml = build();
    const report = validate(xml);
    expect(report.signsIn).toBe(false);
    expect(report.findings.some((f) => f.ssoCode === 23)).toBe(true);
    expect(xmlsecVerify(xml, idp.certificatePem, 'Assertion')).toBe(false);
  });
  it('the untouched response verifies with xmlsec1 too', () => {
    expect(xmlsecVerify(signedXml, idp.certificatePem, 'Assertion')).toBe(true);
    expect(xmlsecVerify(signedXml, idp.certificatePem, 'Response')).toBe(true);
  });
});

describe('XML attacks are refused before parsing', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><x>&lol9;</x></samlp:Response>`;
  const xxe = (file: string) => `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://${file}">]>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">&xxe;</saml:Issuer></samlp:Response>`;

  it('the billion-laughs bomb is refused quickly', () => {
    const start = performance.now();
    const report = validate(bomb);
    expect(report.signsIn).toBe(false);
    expect(report.findings[0]).toMatchObject({ check: 'xml-safety', ssoCode: 29, actual: 'doctype' });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('an external entity is never read: /etc/passwd does not appear, and a FIFO is never opened', () => {
    const passwd = validate(xxe('/etc/passwd'));
    expect(JSON.stringify(passwd)).not.toMatch(/root:/);
    expect(passwd.findings[0]).toMatchObject({ check: 'xml-safety' });
    // Opening a FIFO for reading blocks until a writer comes: if anything tried to read it, this test would hang.
    const fifo = path.join(scratch, 'never-read.fifo');
    execFileSync('mkfifo', [fifo]);
    const report = validate(xxe(fifo));
    expect(report.signsIn).toBe(false);
    expect(report.findings[0]?.actual).toBe('doctype');
  });

  it.each([
    { name: 'DOCTYPE after a comment, lower case', xml: '<!-- hi --><!doctype x><x/>' },
    { name: 'parameter entity only', xml: '<!ENTITY % p SYSTEM "file:///etc/passwd"><x/>' },
  ])('$name', ({ xml }) => {
    expect(parseXmlSafely(xml)).toMatchObject({ ok: false, reason: 'doctype' });
  });
});

describe('garbage and oversized input answer with findings, not crashes', () => {
  it.each([
    { name: 'empty', input: '', code: 6 },
    { name: 'binary garbage as base64', input: Buffer.from([0, 1, 2, 255, 254, 7]).toString('base64'), code: 6 },
    { name: 'truncated XML', input: Buffer.from(signedXml.slice(0, signedXml.length / 2)).toString('base64'), code: 6 },
    { name: 'oversized', input: Buffer.from(`<x>${'a'.repeat(5 * 1024 * 1024)}</x>`).toString('base64'), code: 6 },
    { name: 'not a Response', input: Buffer.from('<foo xmlns="urn:x"/>').toString('base64'), code: 29 },
    { name: 'WS-Federation token', input: Buffer.from('<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust"/>').toString('base64'), code: 22 },
    { name: 'deeply nested', input: Buffer.from(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<a>'.repeat(20000)}${'</a>'.repeat(20000)}</samlp:Response>`).toString('base64'), code: 29 },
  ])('$name → $code', ({ input, code }) => {
    const report = validateSamlResponse({ samlResponse: input, binding: 'POST', sp: SP, idp: { entityId: idp.entityId, certificatesPem: [idp.certificatePem] }, now: new Date() });
    expect(report.signsIn).toBe(false);
    expect(report.findings.some((f) => f.ssoCode === code)).toBe(true);
  });
});
