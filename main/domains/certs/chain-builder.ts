/**
 * Puts certificates in order from the leaf up to a root (RFC 5280 §6.1: each certificate's issuer is the next
 * one's subject, and its signature verifies with the next one's key). Roots come from the file, from the
 * Mozilla store Node ships (tls.rootCertificates), and from any the user adds (a private CA).
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { parseCertificate, type ParsedCertificate } from './certificate-summary.js';

export interface TrustAnchors {
  certificates: X509Certificate[];
  /** Where they came from, per certificate, for messages. */
  source: (cert: X509Certificate) => 'system' | 'user';
}

let systemRoots: X509Certificate[] | null = null;

function loadSystemRoots(): X509Certificate[] {
  systemRoots ??= rootCertificates.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)];
    } catch {
      return [];
    }
  });
  return systemRoots;
}

export function trustAnchors(userRoots: X509Certificate[] = [], options: { includeSystem?: boolean } = {}): TrustAnchors {
  const system = options.includeSystem === false ? [] : loadSystemRoots();
  const user = new Set(userRoots);
  return { certificates: [...userRoots, ...system], source: (cert) => (user.has(cert) ? 'user' : 'system') };
}

export interface BuiltChain {
  /** Leaf first, then each issuer found in the supplied certificates (a self-signed root in the file excluded). */
  chain: ParsedCertificate[];
  /** The self-signed root that ends the chain, from the file or the trust anchors; null when the chain is incomplete. */
  root: ParsedCertificate | null;
  rootTrusted: boolean;
  rootSource: 'file' | 'system' | 'user' | null;
  /** The subject of the issuer that could not be found, when the chain is incomplete. */
  missingIssuer: string | null;
  /** Supplied certificates that are not part of the leaf's chain. */
  unrelated: ParsedCertificate[];
}

function issues(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

function isSelfSigned(cert: ParsedCertificate): boolean {
  return cert.summary.selfSigned;
}

export function buildChain(leaf: ParsedCertificate, pool: ParsedCertificate[], anchors: TrustAnchors): BuiltChain {
  const chain: ParsedCertificate[] = [leaf];
  const used = new Set<ParsedCertificate>([leaf]);
  let current = leaf;
  let root: ParsedCertificate | null = null;
  let rootSource: BuiltChain['rootSource'] = null;
  let missingIssuer: string | null = null;
  // A chain longer than 10 is not a real web PKI chain; the bound also stops loops from cross-signed pairs.
  for (let depth = 0; depth < 10; depth += 1) {
    if (isSelfSigned(current)) {
      if (current !== leaf) {
        chain.pop();
        root = current;
        rootSource = 'file';
      }
      break;
    }
    const next = pool.find((candidate) => !used.has(candidate) && issues(current.node, candidate.node));
    if (next) {
      chain.push(next);
      used.add(next);
      current = next;
      continue;
    }
    const anchor = anchors.certificates.find((candidate) => issues(current.node, candidate));
    if (anchor) {
      root = parseCertificate(new Uint8Array(anchor.raw));
      rootSource = anchors.source(anchor);
    } else {
      missingIssuer = current.summary.issuer;
    }
    break;
  }
  let rootTrusted = rootSource === 'system' || rootSource === 'user';
  if (root && rootSource === 'file') {
    // A root shipped in the file counts only if the same certificate is a trust anchor.
    const fileRoot = root;
    const anchor = anchors.certificates.find((candidate) => candidate.fingerprint256 === fileRoot.node.fingerprint256);
    if (anchor) {
      rootTrusted = true;
      rootSource = anchors.source(anchor);
    }
  }
  const unrelated = pool.filter((cert) => !used.has(cert) && cert !== root);
  return { chain, root, rootTrusted, rootSource, missingIssuer, unrelated };
}
