/**
 * A PKCS#12 file names its own key-derivation work factor (MacData iterations, PBE and PBKDF2 iteration
 * counts; RFC 7292 §4 and Appendix C, RFC 8018 §A.2). node-forge derives keys in JavaScript, so a hostile or
 * absurd count (say 2^31), or many bags each at a high count, would keep the wizard busy for hours. Every count
 * that can be seen without the password is read before any decryption; a file is refused when one count is
 * above MAX_PFX_ITERATIONS, when all counts together are above MAX_PFX_TOTAL_ITERATIONS, or when the guard
 * cannot read a count or the structure at all (what the guard cannot read, it cannot vouch for).
 * Counts inside encrypted SafeContents only appear after decryption: the worker's time limit bounds those.
 */
import forge from 'node-forge';

/** Far above what OpenSSL (2048), Windows (2000) or OWASP's PBKDF2 advice (600,000) use. */
export const MAX_PFX_ITERATIONS = 1_000_000;
/** All derivations of one file together (the MAC and every bag): two derivations at OWASP's figure, plus room. */
export const MAX_PFX_TOTAL_ITERATIONS = 2_000_000;
/** Deeper than any real PFX (about 12 levels), shallow enough that recursion stays cheap. */
const MAX_DEPTH = 32;

export type PfxWork =
  | { ok: true; largest: number; total: number; counts: number }
  | { ok: false; problem: 'unreadable' | 'count-unreadable' | 'count-too-large' | 'total-too-large'; largest: number; total: number };

export function assessPfxWork(bytes: Uint8Array): PfxWork {
  let root: forge.asn1.Asn1;
  try {
    root = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), false);
  } catch {
    return { ok: false, problem: 'unreadable', largest: 0, total: 0 };
  }
  let largest = 0;
  let total = 0;
  let counts = 0;
  let problem: Extract<PfxWork, { ok: false }>['problem'] | null = null;

  const tryInner = (der: string, depth: number): void => {
    // Plain data ContentInfos carry their SafeContents as DER inside an OCTET STRING: look inside.
    if (der.charCodeAt(0) !== 0x30) return;
    let inner: forge.asn1.Asn1;
    try {
      inner = forge.asn1.fromDer(forge.util.createBuffer(der), false);
    } catch {
      return; // not DER: a salt, a digest or ciphertext
    }
    visit(inner, depth + 1);
  };

  const visit = (node: forge.asn1.Asn1, depth: number): void => {
    if (problem) return;
    if (depth > MAX_DEPTH) {
      problem = 'unreadable';
      return;
    }
    if (node.type === forge.asn1.Type.OCTETSTRING && node.tagClass === forge.asn1.Class.UNIVERSAL) {
      if (typeof node.value === 'string') tryInner(node.value, depth);
      // A constructed (BER) OCTET STRING is read as the concatenation of its parts, as node-forge reads it.
      else if (Array.isArray(node.value)) tryInner(node.value.map((part) => (typeof part.value === 'string' ? part.value : '')).join(''), depth);
      return;
    }
    if (!Array.isArray(node.value)) return;
    const children = node.value;
    // salt OCTET STRING followed by iterations INTEGER: PBEParameter, PBKDF2-params and MacData alike.
    for (let i = 0; i + 1 < children.length; i++) {
      const salt = children[i];
      const count = children[i + 1];
      if (salt?.type !== forge.asn1.Type.OCTETSTRING || count?.type !== forge.asn1.Type.INTEGER || count.tagClass !== forge.asn1.Class.UNIVERSAL) continue;
      const value = readCount(count.value);
      if (value === null) {
        problem = 'count-unreadable';
        return;
      }
      counts += 1;
      largest = Math.max(largest, value);
      total += value;
      if (value > MAX_PFX_ITERATIONS) problem = 'count-too-large';
      else if (total > MAX_PFX_TOTAL_ITERATIONS) problem = 'total-too-large';
      if (problem) return;
    }
    for (const child of children) visit(child, depth + 1);
  };
  visit(root, 0);
  return problem ? { ok: false, problem, largest, total } : { ok: true, largest, total, counts };
}

/** A positive DER INTEGER of at most 4 bytes (5 with a leading zero), or null: anything else no real file uses. */
function readCount(value: unknown): number | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  let bytes = value;
  if (bytes.charCodeAt(0) & 0x80) return null; // negative
  while (bytes.length > 1 && bytes.charCodeAt(0) === 0) bytes = bytes.slice(1);
  if (bytes.length > 4) return Number.MAX_SAFE_INTEGER; // certainly above every cap
  let result = 0;
  for (let i = 0; i < bytes.length; i++) result = result * 256 + bytes.charCodeAt(i);
  return result;
}
