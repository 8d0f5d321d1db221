/**
 * The findings of an imported certificate as of today: the import recorded them on its own day, but a
 * certificate may have expired (or an intermediate with it) since, so the date findings are recomputed.
 */
import { X509Certificate } from 'node:crypto';
import type { Finding, ImportedState } from '../../../shared/api/cert-schemas.js';
import { parseCertificate } from './certificate-summary.js';
import { validityFindings } from './certificate-validator.js';

export function currentFindings(imported: ImportedState, now: Date): Finding[] {
  const [leafPem, ...issuerPems] = [...imported.chainPem, ...(imported.rootPem ? [imported.rootPem] : [])];
  const findings = imported.report.findings;
  if (!leafPem) return findings;
  const fresh = validityFindings(
    parseCertificate(new Uint8Array(new X509Certificate(leafPem).raw)),
    issuerPems.map((pem) => parseCertificate(new Uint8Array(new X509Certificate(pem).raw))),
    now,
  );
  const firstDate = findings.findIndex((f) => f.id === 'validity');
  const rest = findings.filter((f) => f.id !== 'validity' && f.id !== 'issuer-validity');
  return firstDate < 0 ? [...rest, ...fresh] : [...rest.slice(0, firstDate), ...fresh, ...rest.slice(firstDate)];
}
