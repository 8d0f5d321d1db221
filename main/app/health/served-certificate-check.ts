/**
 * The certificate the site actually serves, per node: compared with the one imported in step 2 by SHA-256
 * fingerprint, and checked for the site's host name, a complete chain (every intermediate sent: a client that
 * lacks one cannot build the path, RFC 5280 §6) and its order (leaf first, each certificate followed by its
 * issuer: RFC 5246 §7.4.2). Expiry is the expiry horizon's.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { HealthFinding } from '../../../shared/api/health-schemas.js';
import type { TlsProbeResult } from '../../platform/tls-probe.js';

export interface ServedInput {
  node: string;
  siteHost: string;
  probe: TlsProbeResult;
  /** The imported leaf and the rest of its chain (step 2), PEM; null when none is imported. */
  imported: { leafPem: string; chainPem: string[] } | null;
  /** Roots the site's chain ends at (the root given at import in step 2), beside the system's. */
  roots: string[];
  now: Date;
}

function read(der: Buffer | string): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

let systemRoots: X509Certificate[] | null = null;
function trustedRoots(): X509Certificate[] {
  systemRoots ??= rootCertificates.map((pem) => read(pem)).filter((c): c is X509Certificate => c !== null);
  return systemRoots;
}

const selfSigned = (c: X509Certificate) => c.subject === c.issuer && issued(c, c);

export function servedCertificateFindings(input: ServedInput): { findings: HealthFinding[]; leaf: X509Certificate | null } {
  const subject = `Site certificate served by ${input.node}`;
  const key = `served:${input.node}`;
  const finding = (id: string, severity: HealthFinding['severity'], fact: string, fix: string | null, codes: number[] = []): HealthFinding => ({
    id: `${key}:${id}`,
    check: 'served-certificate',
    severity,
    subject,
    fact,
    actBy: null,
    fix,
    fixTarget: fix ? 'import' : null,
    ssoErrorCodes: codes,
  });
  if (!input.probe.ok) {
    const unreachable = finding(`unreachable:${input.probe.failure}`, 'error', input.probe.problem, 'Check the node address (--connect-to HOST:PORT or the node list), the firewall and that the site\'s web server runs.');
    return { findings: [{ ...unreachable, fixTarget: null }], leaf: null };
  }
  const sent = input.probe.chainDer.map((der) => read(der));
  const leaf = sent[0] ?? null;
  if (!leaf || sent.some((c) => c === null)) return { findings: [finding('unreadable', 'error', 'The server sent a certificate that cannot be read.', 'Import the certificate again on the site (Settings > Security > Certificate > Import SSL Certificate).')], leaf: null };
  const certificates = sent as X509Certificate[];
  const findings: HealthFinding[] = [];

  if (input.imported) {
    const imported = read(input.imported.leafPem);
    if (imported && imported.fingerprint256 !== leaf.fingerprint256) {
      findings.push(finding('fingerprint', 'error', `Serves another certificate (${leaf.subject.replace(/\n/g, ', ')}, SHA-256 ${leaf.fingerprint256}) than the step 2 certificate (SHA-256 ${imported.fingerprint256}).`, 'Import the step 2 certificate on this node (Settings > Security > Certificate > Import SSL Certificate); on a cluster, on every node.'));
    }
  } else {
    findings.push(finding('nothing-imported', 'warning', `Serves SHA-256 ${leaf.fingerprint256}; no certificate is imported in step 2 to compare it with.`, 'Import the site certificate in step 2.'));
  }

  if (!leaf.checkHost(input.siteHost, { subject: 'default' })) {
    findings.push(finding('host', 'error', `The served certificate is not for ${input.siteHost} (it names ${leaf.subjectAltName ?? leaf.subject.replace(/\n/g, ', ')}).`, `Import a certificate whose subject alternative names include ${input.siteHost} (generate a new CSR in step 1).`));
  }

  // Follow issuers through what was sent; the path may end at a root the client already has.
  const linked: X509Certificate[] = [leaf];
  for (;;) {
    const last = linked[linked.length - 1] as X509Certificate;
    if (selfSigned(last)) break;
    const next = certificates.find((c) => !linked.includes(c) && issued(c, last));
    if (!next) break;
    linked.push(next);
  }
  const end = linked[linked.length - 1] as X509Certificate;
  const importedRoots = [...(input.imported?.chainPem ?? []), ...input.roots].map((pem) => read(pem)).filter((c): c is X509Certificate => c !== null && selfSigned(c));
  const complete = selfSigned(end) || [...importedRoots, ...trustedRoots()].some((root) => issued(root, end));
  if (!complete) {
    findings.push(finding('incomplete', 'error', `The chain is incomplete: ${certificates.length} certificate${certificates.length === 1 ? '' : 's'} sent, and the issuer of "${end.subject.replace(/\n/g, ', ')}" ("${end.issuer.replace(/\n/g, ', ')}") is not among them. Clients that do not have that intermediate refuse the site.`, 'Put the full chain on the site: step 2\'s "chain, leaf first" export holds the intermediates.'));
  }
  if (input.probe.asSent) {
    const outOfOrder = linked.some((c, i) => certificates[i] !== c);
    const extra = certificates.filter((c) => !linked.includes(c));
    if (outOfOrder) findings.push(finding('order', 'warning', 'The chain is sent out of order (each certificate must be followed by its issuer; strict clients refuse it).', 'Upload the chain leaf first, then each issuer (step 2\'s "chain, leaf first" export).'));
    if (extra.length > 0) findings.push(finding('extra', 'warning', `The server also sends ${extra.length} certificate${extra.length === 1 ? '' : 's'} outside the chain (${extra.map((c) => c.subject.replace(/\n/g, ', ')).join('; ')}).`, 'Upload only the leaf and its intermediates (step 2 export).'));
  }

  if (findings.length === 0) {
    findings.push(finding('ok', 'ok', `Serves the step 2 certificate (SHA-256 ${leaf.fingerprint256.slice(0, 23)}…) for ${input.siteHost}, with a complete chain${input.probe.asSent ? ' in order' : ''} (${input.probe.protocol ?? 'TLS'}).`, null));
  }
  return { findings, leaf };
}
