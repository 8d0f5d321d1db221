/**
 * Verifies one enveloped XML signature with pinned certificates only (xml-crypto 6, see docs/toolchain.md):
 * the certificate in the document's KeyInfo is never trusted (`getCertFromKeyInfo: () => null`), a false
 * result and a thrown error both mean "does not verify", and on success only the canonical XML the signature
 * actually covers (`getSignedReferences()`) is handed back, so signature-wrapping shapes cannot smuggle
 * unsigned content in. The embedded certificate is tried afterwards for diagnosis only (error 8 vs 23).
 */
import { SignedXml } from 'xml-crypto';
import type { Element } from '@xmldom/xmldom';
import { readCertificate } from './certificate-text.js';
import { NS, attributeOf, childElements, descendants, firstChild, textOf } from './xml-parser.js';

export type SignatureVerdict =
  | { status: 'valid'; certificatePem: string; signedXml: string; algorithms: string[] }
  | { status: 'invalid'; problem: string; embeddedCertificatePem: string | null; embeddedVerifies: boolean };

function tryVerify(documentXml: string, signature: Element, pem: string): { ok: true; signed: string[] } | { ok: false; problem: string } {
  const verifier = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
  // SAML's ID attribute is "ID" (saml-core §1.3.4); xml-crypto's default list adds "Id" and "id", each one more
  // XPath search of the whole document per reference. Two elements with the same ID still make it throw (wrapping).
  verifier.idAttributes = ['ID'];
  try {
    verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    const valid = verifier.checkSignature(documentXml);
    if (!valid) return { ok: false, problem: 'a digest does not match: the signed content was changed after signing' };
    return { ok: true, signed: verifier.getSignedReferences() };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/multiple elements with the same value/.test(message)) return { ok: false, problem: 'two elements share the signed ID (a signature-wrapping shape)' };
    // xml-crypto puts the whole SignatureValue into this message: say what it means instead.
    if (/^invalid signature: the signature value/.test(message)) return { ok: false, problem: 'the signature value does not match this certificate\'s key: the response was signed with another key' };
    return { ok: false, problem: withoutBase64Runs(message.split('\n')[0] ?? message) };
  }
}

/** A finding names certificates by fingerprint; long Base64 (a SignatureValue, a certificate) never reaches it. */
export function withoutBase64Runs(text: string): string {
  return text.replace(/[A-Za-z0-9+/=]{40,}/g, '…');
}

/**
 * `parent` is the element that must be the one signed (the Response or the Assertion); the signature must be
 * its direct child with exactly one Reference to "#<parent ID>" (saml-core §5.4.2).
 */
export function verifyEnvelopedSignature(documentXml: string, parent: Element, signature: Element, pinnedPems: readonly string[]): SignatureVerdict {
  const id = attributeOf(parent, 'ID');
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo');
  const references = signedInfo ? childElements(signedInfo, NS.ds, 'Reference') : [];
  const embedded = textOf(descendants(signature, NS.ds, 'X509Certificate')[0]);
  const embeddedRead = embedded ? readCertificate(embedded) : null;
  const embeddedPem = embeddedRead?.ok ? embeddedRead.pem : null;
  const algorithms = [
    attributeOf(signedInfo ? firstChild(signedInfo, NS.ds, 'SignatureMethod') : undefined, 'Algorithm') ?? '',
    ...references.map((r) => attributeOf(firstChild(r, NS.ds, 'DigestMethod'), 'Algorithm') ?? ''),
  ];
  const invalid = (problem: string, embeddedVerifies = false): SignatureVerdict => ({ status: 'invalid', problem, embeddedCertificatePem: embeddedPem, embeddedVerifies });

  if (!id) return invalid(`the signed ${parent.localName} has no ID attribute`);
  if (references.length !== 1) return invalid(`the signature has ${references.length} references; SAML requires exactly one`);
  const uri = attributeOf(references[0], 'URI');
  if (uri !== `#${id}`) return invalid(`the signature references "${uri ?? ''}", not its parent ${parent.localName} "#${id}" (a signature-wrapping shape)`);

  let lastProblem = 'no IdP certificate is configured';
  for (const pem of pinnedPems) {
    const result = tryVerify(documentXml, signature, pem);
    if (result.ok) {
      if (result.signed.length !== 1) return invalid('the signature covers more than one element');
      return { status: 'valid', certificatePem: pem, signedXml: result.signed[0] as string, algorithms };
    }
    lastProblem = result.problem;
  }
  // Diagnosis only: does it verify with the certificate the document carries? Then the site has the wrong one (8).
  const pinnedPrints = pinnedPems.map((pem) => { const read = readCertificate(pem); return read.ok ? read.certificate.fingerprint256 : null; });
  const embeddedIsPinned = embeddedRead?.ok === true && pinnedPrints.includes(embeddedRead.certificate.fingerprint256);
  const embeddedVerifies = embeddedPem !== null && !embeddedIsPinned && tryVerify(documentXml, signature, embeddedPem).ok;
  return invalid(lastProblem, embeddedVerifies);
}
