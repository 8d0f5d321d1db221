/**
 * Issue 11: the validator is a list of named stages composed by one function. The order is the safety argument
 * (decode, parse without DTDs, structure, signatures with pinned certificates, decryption, then signed content
 * only), and a stage that fails stops everything that depends on it: table-driven, one row per stopping stage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceSamlValidation, VALIDATION_STAGES, type ValidateSamlResponseInput } from '../../../../main/domains/saml/response-validator.js';
import { pipeline, STOP } from '../../../../main/domains/saml/validation-pipeline.js';
import { responseXml, signElement } from '../../../support/saml-response-signer.js';
import { makeKeyPair } from '../../../support/simplesamlphp.js';

const now = new Date('2026-11-28T12:00:00Z');
let dir: string;
let idp: { keyPem: string; certPem: string };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-stages-'));
  idp = makeKeyPair(dir, 'idp', '/CN=ADFS Signing - adfs.example.com');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(samlResponse: string, changes: Partial<ValidateSamlResponseInput> = {}): ValidateSamlResponseInput {
  return {
    samlResponse,
    binding: 'POST',
    sp: { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' },
    idp: { entityId: 'http://adfs.example.com/adfs/services/trust', certificatesPem: [idp.certPem] },
    now,
    ...changes,
  };
}

const signed = () => Buffer.from(signElement(responseXml({ now }), 'Assertion', idp.keyPem, idp.certPem)).toString('base64');
const stagesUpTo = (name: string) => VALIDATION_STAGES.slice(0, VALIDATION_STAGES.indexOf(name) + 1);

describe('the stages and their order', () => {
  it('runs decode, parse, structure and signatures before anything read from the assertion', () => {
    expect(VALIDATION_STAGES).toEqual([
      'binding',
      'decode',
      'volume',
      'parse',
      'structure and status',
      'response signature',
      'decryption',
      'assertion signature',
      'signing certificate and coverage',
      'envelope: issuer, destination, InResponseTo',
      'assertion issuer and issue time',
      'subject and bearer confirmation',
      'conditions: validity period and audience',
      'authentication statement',
      'attributes',
    ]);
  });

  it('a good signed response goes through every stage and would sign in', () => {
    const { report, stages } = traceSamlValidation(input(signed()));
    expect(report.signsIn).toBe(true);
    expect(stages).toEqual(VALIDATION_STAGES);
  });
});

describe('a stage that fails stops what depends on it', () => {
  const b64 = (xml: string) => Buffer.from(xml).toString('base64');
  const cases: { name: string; build: () => ValidateSamlResponseInput; stopsAt: string; check: string; ssoCode: number | null }[] = [
    { name: 'not Base64 or XML', build: () => input('%%% not a response %%%'), stopsAt: 'decode', check: 'post-data', ssoCode: 6 },
    { name: 'DEFLATE-encoded (HTTP-Redirect)', build: () => input(Buffer.from(Uint8Array.of(0xb3, 0x29, 0x4e, 0xcc, 0xcd, 0x29, 0xb0, 0xb7, 0x03, 0x00)).toString('base64')), stopsAt: 'decode', check: 'binding', ssoCode: 5 },
    { name: 'more attribute values than any sign-in needs', build: () => input(b64(responseXml({ now, extraAttributesXml: '<saml:Attribute Name="group">' + '<saml:AttributeValue>g</saml:AttributeValue>'.repeat(2001) + '</saml:Attribute>' }))), stopsAt: 'volume', check: 'attribute-limits', ssoCode: null },
    { name: 'a DOCTYPE', build: () => input(b64('<!DOCTYPE r [<!ENTITY x "y">]><r/>')), stopsAt: 'parse', check: 'xml-safety', ssoCode: 29 },
    { name: 'not a SAML Response', build: () => input(b64('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')), stopsAt: 'structure and status', check: 'response-structure', ssoCode: 29 },
    { name: 'no assertion in a successful response', build: () => input(b64(responseXml({ now, assertion: false }))), stopsAt: 'decryption', check: 'assertion-structure', ssoCode: 13 },
  ];
  for (const { name, build, stopsAt, check, ssoCode } of cases) {
    it(`${name}: stops at "${stopsAt}", with its finding, and no later stage runs`, () => {
      const { report, stages } = traceSamlValidation(build());
      expect(stages).toEqual(stagesUpTo(stopsAt));
      expect(report.signsIn).toBe(false);
      expect(report.findings.at(-1)).toMatchObject({ check, ssoCode });
      // Nothing from the assertion was read: the stages that would have filled these did not run.
      expect(report.decoded.nameId).toBeNull();
      expect(report.decoded.attributes).toEqual({});
    });
  }

  it('a signature that does not verify does not stop the diagnosis, but its finding blocks the sign-in', () => {
    const { report, stages } = traceSamlValidation(input(signed(), { idp: { entityId: 'http://adfs.example.com/adfs/services/trust', certificatesPem: [makeKeyPair(dir, 'other').certPem] } }));
    expect(stages).toEqual(VALIDATION_STAGES);
    expect(report.signsIn).toBe(false);
    // The response carries the signer's certificate in KeyInfo: named, never trusted.
    expect(report.findings[0]).toMatchObject({ check: 'signature-certificate', ssoCode: 23 });
  });
});

describe('the composing function', () => {
  it('hands each stage the previous one\'s output and stops at STOP', () => {
    const seen: string[] = [];
    const composed = pipeline<null, number, number>({ name: 'double', run: (_context, n) => n * 2 })
      .then<string>({ name: 'describe', run: (_context, n) => (n > 10 ? STOP : `n=${n}`) })
      .then<number>({ name: 'length', run: (_context, text) => text.length });
    expect(composed.names).toEqual(['double', 'describe', 'length']);
    expect(composed.run(null, 2, (name) => seen.push(name))).toBe(3);
    expect(seen).toEqual(['double', 'describe', 'length']);
    seen.length = 0;
    expect(composed.run(null, 6, (name) => seen.push(name))).toBe(STOP);
    expect(seen).toEqual(['double', 'describe']);
  });
});
