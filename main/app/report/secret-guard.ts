/**
 * The last gate before a report leaves the app: a report must never carry a private key, in any encoding
 * the app handles. If one got in through a bug, the report is refused rather than written. The detection
 * is the one detector drafts use too (parse, don't grep: unarmoured P-521, Ed25519 and Ed448 keys included).
 */
import { findPrivateKey } from '../../domains/certs/private-key-detector.js';

export function findSecret(text: string): string | null {
  const found = findPrivateKey(text);
  return found ? `${found.kind}: ${found.excerpt}` : null;
}
