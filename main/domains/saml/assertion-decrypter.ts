/**
 * Decrypts a saml:EncryptedAssertion with the site's private key, using node:crypto directly (XML Encryption
 * 1.1 §5: the key transport RSA-OAEP or RSA-1.5 wraps an AES key; the data is AES-CBC, IV first, with the
 * XML Encryption padding, or AES-GCM, IV first and the 128-bit tag last).
 */
import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { NS, attributeOf, descendants, firstChild, textOf } from './xml-parser.js';

export type DecryptResult = { ok: true; xml: string; algorithm: string } | { ok: false; problem: string };

const DATA_ALGORITHMS: Record<string, { cipher: string; keyLength: number; gcm: boolean }> = {
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': { cipher: 'aes-128-cbc', keyLength: 16, gcm: false },
  'http://www.w3.org/2001/04/xmlenc#aes192-cbc': { cipher: 'aes-192-cbc', keyLength: 24, gcm: false },
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': { cipher: 'aes-256-cbc', keyLength: 32, gcm: false },
  'http://www.w3.org/2009/xmlenc11#aes128-gcm': { cipher: 'aes-128-gcm', keyLength: 16, gcm: true },
  'http://www.w3.org/2009/xmlenc11#aes192-gcm': { cipher: 'aes-192-gcm', keyLength: 24, gcm: true },
  'http://www.w3.org/2009/xmlenc11#aes256-gcm': { cipher: 'aes-256-gcm', keyLength: 32, gcm: true },
};

const OAEP_DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

function unwrapKey(encryptedKey: Element, privateKeyPem: string): Buffer {
  const method = firstChild(encryptedKey, NS.xenc, 'EncryptionMethod');
  const algorithm = attributeOf(method, 'Algorithm') ?? '';
  const cipherValue = Buffer.from(textOf(descendants(encryptedKey, NS.xenc, 'CipherValue')[0]) ?? '', 'base64');
  if (algorithm === 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p' || algorithm === 'http://www.w3.org/2009/xmlenc11#rsa-oaep') {
    const digestAlg = method ? attributeOf(descendants(method, NS.ds, 'DigestMethod')[0], 'Algorithm') : null;
    const oaepHash = OAEP_DIGESTS[digestAlg ?? 'http://www.w3.org/2000/09/xmldsig#sha1'] ?? 'sha1';
    return privateDecrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, cipherValue);
  }
  if (algorithm === 'http://www.w3.org/2001/04/xmlenc#rsa-1_5') {
    // Node refuses PKCS#1 v1.5 decryption by default (CVE-2023-46809); the error below says so.
    return privateDecrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, cipherValue);
  }
  throw new Error(`the key transport algorithm ${algorithm || '(none)'} is not supported; use RSA-OAEP`);
}

export function decryptAssertion(encryptedAssertion: Element, privateKeyPem: string): DecryptResult {
  try {
    const data = descendants(encryptedAssertion, NS.xenc, 'EncryptedData')[0];
    if (!data) return { ok: false, problem: 'the EncryptedAssertion has no xenc:EncryptedData' };
    const algorithm = attributeOf(firstChild(data, NS.xenc, 'EncryptionMethod'), 'Algorithm') ?? '';
    const spec = DATA_ALGORITHMS[algorithm];
    if (!spec) return { ok: false, problem: `the data encryption algorithm ${algorithm || '(none)'} is not supported` };
    const encryptedKey = descendants(encryptedAssertion, NS.xenc, 'EncryptedKey')[0];
    if (!encryptedKey) return { ok: false, problem: 'the EncryptedAssertion has no xenc:EncryptedKey' };
    const key = unwrapKey(encryptedKey, privateKeyPem);
    if (key.length !== spec.keyLength) return { ok: false, problem: `the unwrapped key is ${key.length} bytes, ${algorithm} needs ${spec.keyLength}` };
    const dataCipher = firstChild(data, NS.xenc, 'CipherData');
    const bytes = Buffer.from(textOf(dataCipher ? firstChild(dataCipher, NS.xenc, 'CipherValue') : undefined) ?? '', 'base64');
    let plain: Buffer;
    if (spec.gcm) {
      const iv = bytes.subarray(0, 12);
      const tag = bytes.subarray(bytes.length - 16);
      const decipher = createDecipheriv(spec.cipher as 'aes-128-gcm', key, iv);
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    } else {
      const decipher = createDecipheriv(spec.cipher, key, bytes.subarray(0, 16));
      decipher.setAutoPadding(false);
      const padded = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]);
      // XML Encryption padding: the last byte is the pad length, the other pad bytes are arbitrary (§5.2.1).
      const pad = padded[padded.length - 1] ?? 0;
      if (pad < 1 || pad > 16) return { ok: false, problem: 'the decrypted data has invalid padding: the key does not match' };
      plain = padded.subarray(0, padded.length - pad);
    }
    return { ok: true, xml: plain.toString('utf8'), algorithm };
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    return { ok: false, problem: `decryption failed (${message}); the assertion was encrypted for another key than the site's` };
  }
}

/**
 * The decrypted assertion may use prefixes declared on the Response around it (XML Encryption serialises just
 * the element). Adds the declarations in scope at the EncryptedAssertion to its start tag when missing, so it
 * parses on its own; exclusive canonicalisation (the signature's) is unaffected by unused declarations.
 */
export function withInScopeNamespaces(xml: string, context: Element): string {
  const declared = new Map<string, string>();
  for (let node: Element | null = context; node && node.nodeType === 1; node = node.parentNode as Element | null) {
    for (const attribute of Array.from(node.attributes)) {
      if ((attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) && !declared.has(attribute.name)) declared.set(attribute.name, attribute.value);
    }
  }
  const start = /<(?![?!])[^\s/>]+/.exec(xml);
  if (!start) return xml;
  const tagEnd = xml.indexOf('>', start.index);
  const tag = xml.slice(start.index, tagEnd === -1 ? undefined : tagEnd);
  const missing = [...declared].filter(([name]) => !new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(tag));
  if (missing.length === 0) return xml;
  const insertAt = start.index + start[0].length;
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `${xml.slice(0, insertAt)}${missing.map(([name, value]) => ` ${name}="${escape(value)}"`).join('')}${xml.slice(insertAt)}`;
}
