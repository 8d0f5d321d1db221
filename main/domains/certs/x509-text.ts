/** How names, alternative names and signature algorithms of X.509 objects are put into words. */
import { x509 } from './x509-library.js';

export function nameEntries(name: x509.Name): { short: string; value: string }[] {
  return name.toJSON().flatMap((attribute) => Object.entries(attribute).flatMap(([short, values]) => values.map((value) => ({ short, value }))));
}

export function firstCommonName(name: x509.Name): string | null {
  return nameEntries(name).find((entry) => entry.short === 'CN')?.value ?? null;
}

/** DNS names as they are; other kinds prefixed (IP:, email:, URI:) so they are not mistaken for host names. */
export function alternativeNames(extension: x509.Extension | null): string[] {
  if (!(extension instanceof x509.SubjectAlternativeNameExtension)) return [];
  return extension.names.toJSON().map((name) => (name.type === 'dns' ? name.value.toLowerCase() : `${name.type.toUpperCase()}:${name.value}`));
}

const SIGNATURE_NAMES: Record<string, string> = {
  'RSASSA-PKCS1-v1_5': 'RSA PKCS#1 v1.5',
  'RSA-PSS': 'RSA-PSS',
  ECDSA: 'ECDSA',
  Ed25519: 'Ed25519',
};

export function signatureAlgorithmText(algorithm: x509.HashedAlgorithm | undefined): { text: string; hash: string | null } {
  if (!algorithm) return { text: 'unknown', hash: null };
  // x509's types name the DOM's Algorithm; read the two fields it always sets.
  const shape = algorithm as unknown as { name: string; hash?: { name?: string } | string };
  const hash = typeof shape.hash === 'object' ? (shape.hash.name ?? null) : (shape.hash ?? null);
  const base = SIGNATURE_NAMES[shape.name] ?? shape.name;
  return { text: hash ? `${base} with ${hash}` : base, hash };
}

/** x509 throws on algorithms it does not know; describe those instead of failing the whole read. */
export function safeSignatureAlgorithm(read: () => x509.HashedAlgorithm): { text: string; hash: string | null } {
  try {
    return signatureAlgorithmText(read());
  } catch {
    return { text: 'unrecognised algorithm', hash: null };
  }
}
