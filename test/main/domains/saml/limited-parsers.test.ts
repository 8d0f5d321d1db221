/**
 * Issue 16, item 2: a SAML response and IdP metadata are parsed by a runner with a time limit. The same answer
 * as the engine's own call for a real response, through either runner; a hostile input built here (nesting
 * hundreds of thousands deep, seconds of parsing) is ended by the limit with a message that names what was given
 * and what to do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdpMetadataLimited, parseIdpFileLimited, responseIssuerLimited, validateLimited } from '../../../../main/domains/saml/limited-parsers.js';
import { validateSamlResponse, type ValidateSamlResponseInput } from '../../../../main/domains/saml/response-validator.js';
import { runInline, runInWorker, type WorkerRunner } from '../../../../main/platform/worker-runner.js';
import { responseXml, signElement } from '../../../support/saml-response-signer.js';
import { makeKeyPair } from '../../../support/simplesamlphp.js';
import { deeplyNestedMetadata, deeplyNestedResponse } from './hostile-xml.js';

const IDP = 'http://adfs.example.com/adfs/services/trust';
const now = new Date('2026-11-28T12:00:00Z');
let dir: string;
let idp: { keyPem: string; certPem: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-limited-'));
  idp = makeKeyPair(dir, 'idp', '/CN=ADFS Signing - adfs.example.com');
  // Load the engine in the worker once, as a running wizard has it after its first check: the limits below
  // are for parsing, not for loading the engine on a busy test machine.
  await responseIssuerLimited(runInWorker, '<x/>', 60_000);
  await parseIdpMetadataLimited(runInWorker, '<x/>', undefined, 60_000);
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(samlResponse: string): ValidateSamlResponseInput {
  return {
    samlResponse,
    binding: 'POST',
    sp: { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' },
    idp: { entityId: IDP, certificatesPem: [idp.certPem] },
    now,
  };
}

const metadata = () =>
  `<EntityDescriptor entityID="${IDP}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${idp.certPem.replace(/-----[A-Z ]+-----|\s+/g, '')}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://adfs.example.com/adfs/ls/"/></IDPSSODescriptor></EntityDescriptor>`;

const runners: [string, WorkerRunner][] = [
  ['on a worker thread', runInWorker],
  ['inline, with the vm watchdog', runInline],
];

describe.each(runners)('%s', (_name, run) => {
  it('a signed response: the same report as the engine gives in this thread', async () => {
    const signed = Buffer.from(signElement(responseXml({ now }), 'Assertion', idp.keyPem, idp.certPem)).toString('base64');
    const checked = await validateLimited(run, input(signed));
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.report.signsIn).toBe(true);
      expect(checked.report).toEqual(validateSamlResponse(input(signed)));
    }
    expect(await responseIssuerLimited(run, signed)).toBe(IDP);
  });

  it('IdP metadata, as text and as a file: entity ID and signing certificate', async () => {
    for (const read of [await parseIdpMetadataLimited(run, metadata(), now), await parseIdpFileLimited(run, new TextEncoder().encode(metadata()), now)]) {
      expect(read.ok).toBe(true);
      if (read.ok) {
        expect(read.metadata.entityId).toBe(IDP);
        expect(read.metadata.signingCertificates).toHaveLength(1);
      }
    }
  });

  it('a response nested 40,000 deep (a namespace per level) is ended by the limit, with what was given and what to do', async () => {
    const hostile = deeplyNestedResponse();
    const started = performance.now();
    const checked = await validateLimited(run, input(hostile), 500);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(checked).toEqual({
      ok: false,
      message: `The SAML response (${Math.round(hostile.length / 1024).toLocaleString('en-US')} KB) took longer than 0.5 s to read and was stopped; a response from an IdP is checked in well under a second, so this one was not produced by it unchanged.`,
      hint: 'Give the SAMLResponse exactly as the IdP posted it: "Original (Base64)" from the test sign-in, or the SAMLResponse field in the browser\'s network log.',
    });
  });

  it('metadata nested 40,000 deep (a namespace per level) is ended by the limit, and says to download FederationMetadata.xml again', async () => {
    const started = performance.now();
    const read = await parseIdpMetadataLimited(run, deeplyNestedMetadata(), now, 500);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toMatch(/^The IdP metadata \([\d,]+ KB\) took longer than 0\.5 s to read and was stopped; real metadata is read in well under a second\. /);
      expect(read.problem).toContain('Download FederationMetadata.xml again');
    }
  });
});
