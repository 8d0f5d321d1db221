/**
 * The last gate before a report leaves the app: a report must never carry a private key, in any encoding
 * the app handles. If one got in through a bug, the report is refused rather than written.
 */
const PRIVATE_KEY_MARKERS = [
  /-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY-----/, // PKCS#8, RSA, EC, ENCRYPTED
  /PuTTY-User-Key-File/,
  // Base64 DER without PEM armour. PKCS#8 RSA: SEQUENCE, INTEGER 0, rsaEncryption ("MIIEvQIBADANBgkqhkiG9w0BAQEFAAS…").
  /MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAAS/,
  // PKCS#1 RSAPrivateKey: SEQUENCE, INTEGER 0, INTEGER modulus ("MIIEpAIBAAKC…").
  /MII[A-Za-z0-9+/]{3}IBAAKC/,
  // PKCS#8 EC (P-256 "MIGHAgEAMBMGByqGSM49AgE…", P-384 "MIG2AgEAMBAGByqGSM49AgE…").
  /MIG[A-Za-z0-9+/]AgEAMB[A-Za-z0-9+/]GByqGSM49AgE/,
  // SEC1 ECPrivateKey: SEQUENCE, INTEGER 1, OCTET STRING (P-256 "MHcCAQEEI…", P-384 "MIGkAgEBBD…").
  /MHcCAQEEI/,
  /MIG[A-Za-z0-9+/]AgEBBD/,
];

export function findSecret(text: string): string | null {
  for (const marker of PRIVATE_KEY_MARKERS) {
    const match = marker.exec(text);
    if (match) return match[0];
  }
  return null;
}
