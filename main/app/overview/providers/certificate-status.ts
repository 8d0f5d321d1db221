/** Steps 1 and 2 from the certificate state, judged as of now: the expected key and its CSR, the certificate. */
import type { StepStatus } from '../../../../shared/api/channels/overview-channels.js';
import type { Finding } from '../../../../shared/api/cert-schemas.js';
import { CertStore } from '../../../domains/certs/cert-store.js';
import { checkCsr } from '../../../domains/certs/csr-checks.js';
import { csrLabel, IMPORT_ON_SITE } from '../../../domains/certs/csr-label.js';
import { parseCsr } from '../../../domains/certs/csr-parser.js';
import { currentFindings } from '../../../domains/certs/current-findings.js';
import type { StepStatusProvider } from '../step-status.js';

const DAY = 24 * 60 * 60 * 1000;
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

export const csrStatus: StepStatusProvider = async (context, profile) => {
  const state = await new CertStore(context.dataDir, profile.id).read();
  if (!state.ok) return { step: 'csr', state: 'attention', headline: 'Expected key: the certificate state cannot be read', detail: state.error.message };
  const latest = state.value.csrs.at(-1);
  if (!latest) return { step: 'csr', state: 'todo', headline: 'Expected key: no CSR yet (load the one downloaded from the site, or make one here)', detail: null };
  const details = await parseCsr(new TextEncoder().encode(latest.csrPem), 'stored CSR');
  const errors = details.ok ? errorsOf(checkCsr(details.value, profile.host)) : [];
  const older = state.value.csrs.length > 1 ? ` (${state.value.csrs.length - 1} older CSR${state.value.csrs.length > 2 ? 's' : ''} listed)` : '';
  const custody =
    latest.keyReference === null
      ? 'private key on the site'
      : `private key in ${latest.keyReference.kind === 'keychain' ? 'the OS keychain' : 'an encrypted key file'}`;
  const headline = `Expected key: ${csrLabel(latest)}${older}`;
  if (errors.length > 0) return { step: 'csr', state: 'attention', headline, detail: errors.map((e) => e.what).join(' ') };
  return { step: 'csr', state: 'done', headline, detail: `${details.ok ? details.value.key.text : latest.keyType}, ${custody}.` };
};

export const importStatus: StepStatusProvider = async (context, profile) => {
  const state = await new CertStore(context.dataDir, profile.id).read();
  const imported = state.ok ? state.value.imported : null;
  if (!imported) return { step: 'import', state: 'todo', headline: 'Certificate: not imported yet', detail: null };
  const notAfter = Date.parse(imported.report.leaf.notAfter);
  const left = notAfter - context.now().getTime();
  const until = imported.report.leaf.notAfter.slice(0, 10);
  const errors = errorsOf(currentFindings(imported, context.now()));
  const expected = state.ok ? state.value.csrs.at(-1) : undefined;
  const forOlderKey = expected !== undefined && imported.report.keyHolder !== 'wizard' && expected.publicKeyHash !== imported.publicKeyHash;
  const attention = (headline: string, detail: string): StepStatus => ({ step: 'import', state: 'attention', headline, detail });
  if (forOlderKey) return attention(`Certificate valid until ${until}, but not for the expected key`, `A newer CSR was recorded (${csrLabel(expected)}): import the certificate the CA issues for it.`);
  if (!imported.keyMatched) return attention('Certificate imported, but it matches no CSR of this profile', errors.map((e) => e.what).join(' ') || 'Import the certificate issued for the expected key (step 1).');
  if (left <= 0) return attention(`Certificate expired on ${until}`, 'Generate a new CSR and import the renewed certificate.');
  if (errors.length > 0) return attention(`Certificate valid until ${until}, with ${errors.length} problem${errors.length > 1 ? 's' : ''}`, errors.map((e) => e.what).join(' '));
  if (left < 30 * DAY) return attention(`Certificate valid until ${until} (${Math.ceil(left / DAY)} days left)`, 'Renew it soon.');
  const where = imported.report.keyHolder === 'site' ? `key on the site: import it there with ${IMPORT_ON_SITE}` : 'the wizard holds its key';
  return { step: 'import', state: 'done', headline: `Certificate valid until ${until}`, detail: `Matches the expected key (${where}); ${imported.report.leaf.subject}.` };
};
