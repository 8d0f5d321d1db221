// Validating a typical signed SAML response: in process (dist/main/domains/saml/response-validator.js) and through the CLI
// end to end (node dist/main/doors/cli/bin.js decode), each beside `xmlsec1 --verify` on the same file with the same pinned
// certificate. Prints medians and side-by-side ratios. Needs `npm run build` first (npm run bench does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SignedXml } from 'xml-crypto';

const dist = new URL('../../dist/', import.meta.url);
const { validateSamlResponse } = await import(new URL('main/domains/saml/response-validator.js', dist).href);
const bin = new URL('main/doors/cli/bin.js', dist).pathname;

const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-bench-'));
try {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', path.join(dir, 'idp.key'), '-out', path.join(dir, 'idp.crt'), '-days', '30', '-subj', '/CN=bench.idp.test'], { stdio: 'ignore' });
  const keyPem = readFileSync(path.join(dir, 'idp.key'), 'utf8');
  const certPem = readFileSync(path.join(dir, 'idp.crt'), 'utf8');

  // A response shaped like AD FS's and SimpleSAMLphp's: signed assertion inside a signed response, five attributes.
  const now = new Date();
  const at = (s) => new Date(now.getTime() + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const idp = 'http://adfs.example.com/adfs/services/trust';
  const sp = { siteUrl: 'https://meet.example.com', spEntityId: 'https://meet.example.com', acsUrl: 'https://meet.example.com/sso/acs' };
  const attr = (name, value) => `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${value}</saml:AttributeValue></saml:Attribute>`;
  let xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_resp1" Version="2.0" IssueInstant="${at(0)}" Destination="${sp.acsUrl}" InResponseTo="_req1"><saml:Issuer>${idp}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_assert1" Version="2.0" IssueInstant="${at(0)}"><saml:Issuer>${idp}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">alice@example.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req1" NotOnOrAfter="${at(300)}" Recipient="${sp.acsUrl}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${at(-30)}" NotOnOrAfter="${at(3600)}"><saml:AudienceRestriction><saml:Audience>${sp.spEntityId}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attr('firstname', 'Alice')}${attr('lastname', 'Liddell')}${attr('email', 'alice@example.com')}${attr('uid', 'alice@example.com')}${attr('SAML_SUBJECT', 'alice@example.com')}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
  const sign = (doc, target) => {
    const signer = new SignedXml({ privateKey: keyPem, publicCert: certPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
    signer.addReference({ xpath: `//*[local-name(.)='${target}']`, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
    signer.computeSignature(doc, { prefix: 'ds', location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: 'after' } });
    return signer.getSignedXml();
  };
  xml = sign(sign(xml, 'Assertion'), 'Response');
  const responseFile = path.join(dir, 'response.xml');
  writeFileSync(responseFile, xml);
  const base64 = Buffer.from(xml).toString('base64');
  writeFileSync(path.join(dir, 'response.b64'), base64);

  const xmlsecArgs = (element) => ['--verify', '--enabled-key-data', 'key-name', '--pubkey-cert-pem', path.join(dir, 'idp.crt'), '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:protocol:Response', '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', '--node-xpath', `//*[local-name()='${element}']/*[local-name()='Signature']`, responseFile];
  const input = { samlResponse: base64, binding: 'POST', sp, idp: { entityId: idp, certificatesPem: [certPem] }, requestId: '_req1', now };

  // Sanity: both agree that the fixture is valid before anything is timed.
  const report = validateSamlResponse(input);
  const xmlsecOk = spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' }).status === 0 && spawnSync('xmlsec1', xmlsecArgs('Response'), { stdio: 'ignore' }).status === 0;
  if (!report.signsIn || !xmlsecOk) {
    console.error(`The fixture is not valid (validator: ${report.summary}; xmlsec1: ${xmlsecOk ? 'OK' : 'FAILED'})`);
    process.exit(1);
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const time = (runs, work) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      work();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };

  for (let i = 0; i < 20; i++) validateSamlResponse(input); // warm-up (JIT)
  const inProcess = time(200, () => validateSamlResponse(input));
  const xmlsecOne = time(15, () => spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' }));
  const xmlsecBoth = time(15, () => {
    spawnSync('xmlsec1', xmlsecArgs('Assertion'), { stdio: 'ignore' });
    spawnSync('xmlsec1', xmlsecArgs('Response'), { stdio: 'ignore' });
  });
  const cliArgs = [bin, 'decode', '--response', path.join(dir, 'response.b64'), '--idp-cert', path.join(dir, 'idp.crt'), '--idp-entity-id', idp, '--site-url', sp.siteUrl, '--acs-url', sp.acsUrl, '--request-id', '_req1', '--now', now.toISOString(), '--data-dir', dir];
  const cliCheck = spawnSync(process.execPath, cliArgs, { encoding: 'utf8' });
  if (cliCheck.status !== 0) {
    console.error(`The CLI did not accept the fixture (exit ${cliCheck.status}): ${cliCheck.stdout}${cliCheck.stderr}`);
    process.exit(1);
  }
  const cli = time(10, () => spawnSync(process.execPath, cliArgs, { stdio: 'ignore' }));

  const row = (label, ms, versus) => console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms   ${(ms / versus).toFixed(2).padStart(6)}x xmlsec1 (one signature)   ${(ms / xmlsecBoth).toFixed(2).padStart(6)}x xmlsec1 (both)`);
  console.log(`Signed response: ${xml.length} bytes, response and assertion signed (RSA-SHA256, exc-c14n), medians`);
  row('xmlsec1 --verify, assertion signature (process spawn)', xmlsecOne, xmlsecOne);
  row('xmlsec1 --verify, both signatures (two spawns)', xmlsecBoth, xmlsecOne);
  row('validateSamlResponse in process (both signatures + all checks)', inProcess, xmlsecOne);
  row('sso-wizard decode, CLI end to end (node start + validate)', cli, xmlsecOne);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
