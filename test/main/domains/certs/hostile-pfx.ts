/**
 * Hostile PKCS#12 files built in the test from a real openssl PFX: iteration counts rewritten to any DER
 * INTEGER bytes (5-byte, huge, negative), and key-bag ContentInfos repeated (many bags, huge sums).
 */
import forge from 'node-forge';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const parse = (der: string): Node => asn1.fromDer(forge.util.createBuffer(der), false);
const encode = (node: Node): string => asn1.toDer(node).getBytes();

/** Calls edit on every (salt, count) pair, looking inside DER-carrying OCTET STRINGs; returns the new DER. */
function rewriteCounts(node: Node, edit: (count: Node) => void): void {
  if (node.type === asn1.Type.OCTETSTRING && typeof node.value === 'string' && node.value.charCodeAt(0) === 0x30) {
    try {
      const inner = parse(node.value);
      rewriteCounts(inner, edit);
      node.value = encode(inner);
    } catch {
      // not DER
    }
    return;
  }
  if (!Array.isArray(node.value)) return;
  for (let i = 0; i + 1 < node.value.length; i++) {
    const [salt, count] = [node.value[i], node.value[i + 1]];
    if (salt?.type === asn1.Type.OCTETSTRING && count?.type === asn1.Type.INTEGER) edit(count);
  }
  for (const child of node.value) rewriteCounts(child, edit);
}

/** A big-endian DER INTEGER body for a non-negative number (a leading zero when the top bit is set). */
export function integerBytes(value: number): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return Buffer.from(hex, 'hex').toString('binary');
}

export function pfxWith(pfx: Uint8Array, options: { macCount?: string; bagCount?: string; repeatKeyBag?: number }): Uint8Array {
  const root = parse(Buffer.from(pfx).toString('binary'));
  const children = root.value as Node[];
  const authSafeHolder = ((children[1]?.value as Node[])[1]?.value as Node[])[0] as Node;
  const authSafe = parse(authSafeHolder.value as string);
  const contentInfos = authSafe.value as Node[];
  if (options.bagCount !== undefined) {
    for (const info of contentInfos) rewriteCounts(info, (count) => (count.value = options.bagCount as string));
  }
  if (options.repeatKeyBag) {
    // The plain-data ContentInfo holds the shrouded key bag (openssl 3's default layout).
    const keyInfo = contentInfos.find((info) => encode((info.value as Node[])[0] as Node) === encode(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.2.840.113549.1.7.1').getBytes())));
    if (!keyInfo) throw new Error('no data ContentInfo in the PFX');
    for (let i = 1; i < options.repeatKeyBag; i++) contentInfos.push(parse(encode(keyInfo)));
  }
  authSafeHolder.value = encode(authSafe);
  if (options.macCount !== undefined) {
    const macData = children[2] as Node;
    (macData.value as Node[])[2] = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, options.macCount);
  }
  return new Uint8Array(Buffer.from(encode(root), 'binary'));
}
