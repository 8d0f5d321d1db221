/**
 * A PKCS#12 file names its own key-derivation work factor (MacData iterations, PBE and PBKDF2 iteration
 * counts; RFC 7292 §4 and Appendix C, RFC 8018 §A.2). node-forge derives keys in JavaScript on the main
 * thread, so a hostile or absurd count (say 2^31) would freeze the wizard. The counts are read before any
 * decryption, and a file that asks for more than MAX_PFX_ITERATIONS is refused.
 */
import forge from 'node-forge';

/** Far above what OpenSSL (2048), Windows (2000) or OWASP's PBKDF2 advice (600,000) use. */
export const MAX_PFX_ITERATIONS = 1_000_000;

/** The largest iteration count the file asks for, where it can be seen without the password. */
export function largestPfxIterationCount(bytes: Uint8Array): number {
  let root: forge.asn1.Asn1;
  try {
    root = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), false);
  } catch {
    return 0;
  }
  let largest = 0;
  const visit = (node: forge.asn1.Asn1, depth: number): void => {
    if (depth > 24 || !Array.isArray(node.value)) {
      // Plain data ContentInfos carry their SafeContents as DER inside an OCTET STRING: look inside.
      if (depth <= 24 && node.type === forge.asn1.Type.OCTETSTRING && typeof node.value === 'string' && node.value.charCodeAt(0) === 0x30) {
        try {
          visit(forge.asn1.fromDer(forge.util.createBuffer(node.value), false), depth + 1);
        } catch {
          // not DER: a salt, a digest or ciphertext
        }
      }
      return;
    }
    const children = node.value;
    // salt OCTET STRING followed by iterations INTEGER: PBEParameter, PBKDF2-params and MacData alike.
    for (let i = 0; i + 1 < children.length; i++) {
      const salt = children[i];
      const count = children[i + 1];
      if (salt?.type === forge.asn1.Type.OCTETSTRING && count?.type === forge.asn1.Type.INTEGER && typeof count.value === 'string') {
        const value = count.value.length > 6 ? Number.MAX_SAFE_INTEGER : forge.util.createBuffer(count.value).getInt(count.value.length * 8);
        largest = Math.max(largest, value);
      }
    }
    for (const child of children) visit(child, depth + 1);
  };
  visit(root, 0);
  return largest;
}
