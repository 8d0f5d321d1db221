/**
 * One detector for "is there a private key in this text?", used wherever text leaves the user's hands or is
 * kept on disk (drafts, the diagnostic report). It parses rather than greps: every PEM block and every run of
 * base64 that decodes to DER is offered to the crypto library as PKCS#8, PKCS#1 and SEC1, so any key type
 * OpenSSL knows is found (RSA, EC on any curve incl. P-521, Ed25519, Ed448, X25519, DSA), armoured or not.
 * Encrypted PKCS#8 (PBES2 or PKCS#12 PBE), OpenSSH and PuTTY keys are recognised by their structure or header.
 */
import { createPrivateKey } from 'node:crypto';

export interface PrivateKeyFinding {
  /** What was found, e.g. "PKCS#8 ed25519 key (base64 without PEM armour)". */
  kind: string;
  /** Where it starts in the text. */
  index: number;
  /** The first characters of it, for a log line (never the whole key). */
  excerpt: string;
}

const PRIVATE_KEY_ARMOUR = /-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----/;
/** base64 of 40+ characters, possibly wrapped over lines (as keys are pasted). */
const BASE64_RUN = /[A-Za-z0-9+/]{8,}(?:[ \t]*\r?\n?[ \t]*[A-Za-z0-9+/]+)*={0,2}/g;
/** DER SEQUENCE starts: base64 "M" then A-P is a first byte of 0x30. */
const SEQUENCE_START = /M[A-P]/g;
/** Work bound for very long texts (a report with many certificates has many "M"s in its base64). */
const MAX_CANDIDATES = 50_000;

const PBES2_OID = Buffer.from('2a864886f70d01050d', 'hex');
const PKCS12_PBE_OID_PREFIX = Buffer.from('2a864886f70d010c01', 'hex');

export function findPrivateKey(text: string): PrivateKeyFinding | null {
  // A BEGIN line alone is enough: a key cut short (no END line) is still a key.
  const armour = PRIVATE_KEY_ARMOUR.exec(text);
  if (armour) return { kind: `${armour[1] ?? ''}PRIVATE KEY (PEM)`, index: armour.index, excerpt: text.slice(armour.index, armour.index + 40) };
  const putty = text.indexOf('PuTTY-User-Key-File');
  if (putty >= 0) return { kind: 'PuTTY private key', index: putty, excerpt: text.slice(putty, putty + 40) };
  let candidates = 0;
  for (const run of text.matchAll(BASE64_RUN)) {
    const runText = run[0];
    if (runText.length < 40) continue;
    const compact = runText.replace(/\s+/g, '');
    for (const start of compact.matchAll(SEQUENCE_START)) {
      if (++candidates > MAX_CANDIDATES) return null;
      const kind = keyKind(compact.slice(start.index, start.index + 22_000));
      if (kind) return { kind: `${kind} (base64 without PEM armour)`, index: run.index ?? 0, excerpt: compact.slice(start.index, start.index + 40) };
    }
  }
  return null;
}

/** The length of the DER SEQUENCE whose base64 starts here (from its header alone), or null. */
function derLength(base64: string): number | null {
  const head = Buffer.from(base64.slice(0, 8), 'base64');
  if (head.length < 2 || head[0] !== 0x30) return null;
  const first = head[1] ?? 0;
  if (!(first & 0x80)) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 3 || head.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (head[2 + i] ?? 0);
  return 2 + count + length;
}

function keyKind(base64: string): string | null {
  const length = derLength(base64);
  // Keys are 48 bytes (Ed25519) to a few kB (RSA-8192); the element must fit in what follows.
  if (length === null || length < 40 || length > 16_384) return null;
  // Cut short (a pasted fragment, a truncated line): judge the header that is there.
  if (Math.floor((base64.length * 3) / 4) < length) return keyHeaderKind(Buffer.from(base64.slice(0, 64), 'base64'));
  const element = Buffer.from(base64.slice(0, Math.ceil(length / 3) * 4), 'base64').subarray(0, length);
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      const key = createPrivateKey({ key: element, format: 'der', type });
      return `${type === 'pkcs8' ? 'PKCS#8' : type === 'pkcs1' ? 'PKCS#1' : 'SEC1'} ${key.asymmetricKeyType ?? ''} key`.replace('  ', ' ');
    } catch {
      // not this encoding
    }
  }
  // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pbes2 | pkcs-12PbeIds, … }, OCTET STRING }.
  const early = element.subarray(0, 24);
  if (early.includes(PBES2_OID) || early.includes(PKCS12_PBE_OID_PREFIX)) return 'encrypted PKCS#8 key';
  return null;
}

/** AlgorithmIdentifier OIDs of private key types (DER content bytes, hex). */
const KEY_ALGORITHM_OIDS = [
  '2a864886f70d010101', // rsaEncryption
  '2a864886f70d01010a', // RSASSA-PSS
  '2a8648ce3d0201', // id-ecPublicKey
  '2a8648ce380401', // DSA
  '2b6570', // Ed25519
  '2b6571', // Ed448
  '2b656e', // X25519
  '2b656f', // X448
];

/**
 * The start of a key whose end is missing: PKCS#8 (SEQUENCE, INTEGER 0 or 1, SEQUENCE { key algorithm OID }),
 * PKCS#1 (SEQUENCE, INTEGER 0, INTEGER of 128+ bytes) or SEC1 (SEQUENCE, INTEGER 1, OCTET STRING).
 */
function keyHeaderKind(head: Buffer): string | null {
  const lengthBytes = (head[1] ?? 0) & 0x80 ? ((head[1] ?? 0) & 0x7f) : 0;
  const body = head.subarray(2 + lengthBytes);
  const hex = body.toString('hex');
  if (hex.startsWith('020100') || hex.startsWith('020101')) {
    const rest = hex.slice(6);
    if (rest.startsWith('30') && KEY_ALGORITHM_OIDS.some((oid) => rest.slice(4, 4 + oid.length + 4).includes(`06${(oid.length / 2).toString(16).padStart(2, '0')}${oid}`))) return 'start of a PKCS#8 key';
    if (hex.startsWith('020100') && /^02(8[12])/.test(rest)) return 'start of a PKCS#1 RSA key';
    if (hex.startsWith('020101') && rest.startsWith('04')) return 'start of a SEC1 EC key';
  }
  return null;
}
