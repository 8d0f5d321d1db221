/** Steps 1 and 2 from the certificate state: which key, which certificate, valid until when. */
import type { StepStatus } from '../../../../shared/api/channels/overview-channels.js';
import { CertStore } from '../../../domains/certs/cert-store.js';
import type { StepStatusProvider } from '../step-status.js';

const DAY = 24 * 60 * 60 * 1000;

export const csrStatus: StepStatusProvider = async (context, profile) => {
  const state = await new CertStore(context.dataDir, profile.id).read();
  const latest = state.ok ? state.value.csrs.at(-1) : undefined;
  if (!state.ok) return { step: 'csr', state: 'attention', headline: 'Key and CSR: the certificate state cannot be read', detail: state.error.message };
  if (!latest) return { step: 'csr', state: 'todo', headline: 'Key and CSR: not generated yet', detail: null };
  const custody = latest.keyReference.kind === 'keychain' ? 'the OS keychain' : 'an encrypted key file';
  return { step: 'csr', state: 'done', headline: `Key and CSR generated ${latest.createdAt.slice(0, 10)}`, detail: `${latest.keyType}, private key in ${custody}.` };
};

export const importStatus: StepStatusProvider = async (context, profile) => {
  const state = await new CertStore(context.dataDir, profile.id).read();
  const imported = state.ok ? state.value.imported : null;
  if (!imported) return { step: 'import', state: 'todo', headline: 'Certificate: not imported yet', detail: null };
  const notAfter = Date.parse(imported.report.leaf.notAfter);
  const left = notAfter - context.now().getTime();
  const until = imported.report.leaf.notAfter.slice(0, 10);
  const errors = imported.report.findings.filter((f) => f.severity === 'error');
  let status: StepStatus;
  if (!imported.keyMatched) status = { step: 'import', state: 'attention', headline: 'Certificate imported, but it does not match the stored key', detail: 'Import the certificate issued for the latest CSR.' };
  else if (left <= 0) status = { step: 'import', state: 'attention', headline: `Certificate expired on ${until}`, detail: 'Generate a new CSR and import the renewed certificate.' };
  else if (left < 30 * DAY) status = { step: 'import', state: 'attention', headline: `Certificate valid until ${until} (${Math.ceil(left / DAY)} days left)`, detail: 'Renew it soon.' };
  else if (errors.length > 0) status = { step: 'import', state: 'attention', headline: `Certificate valid until ${until}, with ${errors.length} problem${errors.length > 1 ? 's' : ''}`, detail: errors.map((e) => e.what).join(' ') };
  else status = { step: 'import', state: 'done', headline: `Certificate valid until ${until}`, detail: `Matches the key; ${imported.report.leaf.subject}.` };
  return status;
};
