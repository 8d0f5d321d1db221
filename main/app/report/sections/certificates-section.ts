import type { CertificateSummary } from '../../../../shared/api/cert-schemas.js';
import { CertStore } from '../../../domains/certs/cert-store.js';
import { csrLabel } from '../../../domains/certs/csr-label.js';
import { currentFindings } from '../../../domains/certs/current-findings.js';
import type { ReportContributor } from '../report-contributor.js';
import type { ReportRow } from '../report-model.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

function certificateRows(prefix: string, cert: CertificateSummary): ReportRow[] {
  return [
    { label: `${prefix} subject`, value: cert.subject },
    { label: `${prefix} issuer`, value: cert.issuer },
    { label: `${prefix} valid`, value: `${formatDateTime(cert.notBefore)} to ${formatDateTime(cert.notAfter)}` },
    ...(cert.sans.length ? [{ label: `${prefix} host names (SAN)`, value: cert.sans.join(', ') }] : []),
    { label: `${prefix} key`, value: cert.key.text },
    { label: `${prefix} SHA-256 fingerprint`, value: cert.sha256Fingerprint },
  ];
}

/** CSRs recorded (made here, by key reference only, or on the site) and the imported certificate with its findings. */
export const certificatesSection: ReportContributor = async (context, profile) => {
  const state = await new CertStore(context.dataDir, profile.id).read();
  if (!state.ok) return { title: 'Certificates', rows: [{ label: 'Problem', value: `${state.error.message} ${state.error.hint}`, severity: 'error' }] };
  const { csrs, imported } = state.value;
  const rows: ReportRow[] = csrs.map((csr, index) => ({
    label: `${index === csrs.length - 1 ? 'Expected key: ' : 'Older: '}${csrLabel(csr)}`,
    value: `${csr.keyType}; private key ${csr.keyReference === null ? 'on the site (never here)' : `in ${csr.keyReference.kind === 'keychain' ? 'the OS keychain' : 'a passphrase-encrypted file'}`}; public key SHA-256 ${csr.publicKeyHash}`,
  }));
  const blocks = [];
  if (imported) {
    rows.push({ label: 'Certificate imported', value: `${formatDateTime(imported.importedAt)} from ${imported.sourceFiles.join(', ')} (${imported.format})` });
    const holder = { site: 'yes; the private key is on the site', wizard: 'yes; the wizard holds the private key', unknown: 'yes' }[imported.report.keyHolder];
    rows.push({ label: 'Matches the expected key', value: imported.keyMatched ? holder : 'no', severity: imported.keyMatched ? 'ok' : 'error' });
    rows.push(...certificateRows('Site certificate', imported.report.leaf));
    imported.report.chain.forEach((cert, i) => rows.push({ label: `Chain certificate ${i + 1}`, value: `${cert.subject} (valid to ${formatDateTime(cert.notAfter)})` }));
    blocks.push({ title: 'Certificate chain (PEM, leaf first)', text: imported.chainPem.join('\n') });
  }
  const findings = imported ? currentFindings(imported, context.now()).map((f) => ({ severity: f.severity, finding: f.what, fix: f.fix })) : [];
  return { title: 'Certificates', rows, findings, blocks, empty: 'No CSR generated and no certificate imported yet (steps 1 and 2).' };
};
