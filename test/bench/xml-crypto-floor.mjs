// The floor under `sso-wizard decode`'s CPU target: a bare script that does nothing but what decode cannot do
// without, with the same libraries decode uses. It loads xml-crypto (which brings its own @xmldom/xmldom 0.8 and
// xpath) and the project's @xmldom/xmldom 0.9 parser, parses the response, and verifies each of its signatures
// with the pinned certificate, the way main/domains/saml/signature-verifier.ts does. No zod, no core, no
// report. cli-start-bench.mjs times it beside decode, so the benchmark shows how much of decode's time is the
// signature library itself. The compile cache is on, as in the CLI's bin.js.
// Usage: node test/bench/xml-crypto-floor.mjs RESPONSE.b64 IDP.crt   (prints "verified N")
import module from 'node:module';

module.enableCompileCache?.();
const [{ readFileSync }, { DOMParser }, { SignedXml }] = await Promise.all([import('node:fs'), import('@xmldom/xmldom'), import('xml-crypto')]);
const [responseFile, certFile] = process.argv.slice(2);
const xml = Buffer.from(readFileSync(responseFile, 'utf8'), 'base64').toString('utf8');
const pem = readFileSync(certFile, 'utf8');
const document = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
const signatures = Array.from(document.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'));
let verified = 0;
for (const signature of signatures) {
  const verifier = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
  verifier.idAttributes = ['ID'];
  verifier.loadSignature(signature);
  if (verifier.checkSignature(xml) && verifier.getSignedReferences().length === 1) verified++;
}
console.log(`verified ${verified}`);
process.exitCode = verified === signatures.length && verified > 0 ? 0 : 1;
