/**
 * PKCS#12 (RFC 7292) for the site: the private key and the full chain, protected by the user's passphrase.
 * The key bag is PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018), made by Node's OpenSSL; the MAC is
 * HMAC-SHA-256 with the PKCS#12 key derivation (RFC 7292 Appendix B), as OpenSSL 3 writes by default, so
 * `openssl pkcs12` reads the file without -legacy. node-forge is used for ASN.1 encoding only: its own PFX
 * builder models RSA keys only, and re-encodes certificates instead of keeping their DER.
 */
import { createHmac, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const CTX = asn1.Class.CONTEXT_SPECIFIC;
const MAC_ITERATIONS = 2048;

const oid = (value: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: string) => asn1.create(U, asn1.Type.OCTETSTRING, false, bytes);
const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SET, true, items);
const explicit0 = (item: forge.asn1.Asn1) => asn1.create(CTX, 0, true, [item]);
const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const toBinary = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();

function bagAttributes(localKeyId: Buffer, friendlyName: string): forge.asn1.Asn1 {
  return set([
    seq([oid(forge.pki.oids.localKeyId ?? '1.2.840.113549.1.9.21'), set([octets(localKeyId.toString('binary'))])]),
    seq([oid(forge.pki.oids.friendlyName ?? '1.2.840.113549.1.9.20'), set([asn1.create(U, asn1.Type.BMPSTRING, false, friendlyName)])]),
  ]);
}

/** ContentInfo of type data wrapping DER bytes (RFC 7292 §4.1). */
const dataContent = (inner: forge.asn1.Asn1) => seq([oid('1.2.840.113549.1.7.1'), explicit0(octets(toBinary(inner)))]);

export function buildPfx(options: { privateKeyPem: string; chainPem: string[]; passphrase: string; friendlyName: string }): Uint8Array {
  const key = createPrivateKey(options.privateKeyPem);
  const leafDer = new X509Certificate(options.chainPem[0] ?? '').raw;
  const localKeyId = Buffer.from(forge.md.sha1.create().update(leafDer.toString('binary')).digest().getBytes(), 'binary');
  const attributes = bagAttributes(localKeyId, options.friendlyName);

  const encryptedKey = key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: options.passphrase });
  const keyBag = seq([oid('1.2.840.113549.1.12.10.1.2'), explicit0(fromDer(encryptedKey)), attributes]);

  const certBags = options.chainPem.map((pem, index) => {
    const der = new X509Certificate(pem).raw;
    const certBag = seq([oid('1.2.840.113549.1.9.22.1'), explicit0(octets(der.toString('binary')))]);
    return index === 0 ? seq([oid('1.2.840.113549.1.12.10.1.3'), explicit0(certBag), attributes]) : seq([oid('1.2.840.113549.1.12.10.1.3'), explicit0(certBag)]);
  });

  // Certificates are public: they sit in a plain data ContentInfo; only the key bag is encrypted.
  const authenticatedSafe = seq([dataContent(seq(certBags)), dataContent(seq([keyBag]))]);
  const safeBytes = Buffer.from(toBinary(authenticatedSafe), 'binary');

  const salt = randomBytes(16);
  const macKey = forge.pkcs12.generateKey(options.passphrase, forge.util.createBuffer(salt.toString('binary')), 3, MAC_ITERATIONS, 32, forge.md.sha256.create());
  const mac = createHmac('sha256', Buffer.from(macKey.getBytes(), 'binary')).update(safeBytes).digest();
  const macData = seq([
    seq([seq([oid('2.16.840.1.101.3.4.2.1'), asn1.create(U, asn1.Type.NULL, false, '')]), octets(mac.toString('binary'))]),
    octets(salt.toString('binary')),
    asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(MAC_ITERATIONS).getBytes()),
  ]);
  const pfx = seq([
    asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    seq([oid('1.2.840.113549.1.7.1'), explicit0(octets(safeBytes.toString('binary')))]),
    macData,
  ]);
  return new Uint8Array(Buffer.from(toBinary(pfx), 'binary'));
}
