/**
 * The report's first screen: where the repair stands, what is still open, the last test sign-in and the expiry
 * dates, so a reader (often the vendor's support) knows the state before reading any detail.
 */
import { formatDate, formatDateTime } from '../../../../shared/date-time-text.js';
import { STEPS } from '../../../../shared/steps.js';
import { CertStore } from '../../../domains/certs/cert-store.js';
import { readIdpSettings } from '../../../domains/saml/idp-store.js';
import { SigninHistory } from '../../../domains/signin/signin-history.js';
import { profileDataDir } from '../../../platform/data-dir.js';
import { profileStatus } from '../../overview/profile-status.js';
import type { ReportContributor } from '../report-contributor.js';
import type { ReportRow, Severity } from '../report-model.js';

const DAY_MS = 86_400_000;

/** "2027-03-01 (in 90 days)", "2026-11-01 (expired 29 days ago)"; warning at 30 days or less, as the import step does. */
function expiry(notAfter: string, now: Date): { text: string; severity: Severity } {
  const days = Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
  if (days < 0) return { text: `${formatDate(notAfter)} (expired ${-days} day${days === -1 ? '' : 's'} ago)`, severity: 'error' };
  return { text: `${formatDate(notAfter)} (in ${days} day${days === 1 ? '' : 's'})`, severity: days <= 30 ? 'warning' : 'ok' };
}

export const summarySection: ReportContributor = async (context, profile) => {
  const now = context.now();
  const status = await profileStatus(context, profile);
  const rows: ReportRow[] = [];

  const open = status.steps.filter((step) => step.state !== 'done');
  const openSite = status.checklist.items.filter((item) => item.applies && item.doneAt === null);
  // One line per open item, the ones that need attention first, each labelled with where it is done.
  const stepLabel = (id: string) => `Open: step ${STEPS.findIndex((step) => step.id === id) + 1}`;
  const openItems: ReportRow[] = [
    ...open.filter((step) => step.state === 'attention').map((step) => ({ label: stepLabel(step.step), value: step.headline, severity: 'error' as const })),
    ...open.filter((step) => step.state !== 'attention').map((step) => ({ label: stepLabel(step.step), value: step.headline, severity: 'info' as const })),
    ...openSite.map((item) => ({ label: 'Open: on the site', value: item.title, severity: 'info' as const })),
  ];
  rows.push(...(openItems.length > 0 ? openItems : [{ label: 'Still open', value: 'Nothing.', severity: 'ok' as const }]));

  const [last] = await new SigninHistory(profileDataDir(context.dataDir, profile.id)).read();
  rows.push(
    last
      ? {
          label: 'Last test sign-in',
          value: `${formatDateTime(last.at)}: ${last.verdict === 'would-sign-in' ? 'would sign in' : last.outcome === 'checked' ? 'would fail' : last.outcome}${last.codes.length ? ` (site error code${last.codes.length > 1 ? 's' : ''} ${last.codes.join(', ')})` : ''}.`,
          severity: last.verdict === 'would-sign-in' ? 'ok' : 'error',
        }
      : { label: 'Last test sign-in', value: 'None yet (step 5).', severity: 'info' },
  );

  const certs = await new CertStore(context.dataDir, profile.id).read();
  const leaf = certs.ok ? certs.value.imported?.report.leaf : undefined;
  if (leaf) {
    const site = expiry(leaf.notAfter, now);
    rows.push({ label: 'Site certificate expires', value: site.text, severity: site.severity });
  } else rows.push({ label: 'Site certificate expires', value: 'No certificate imported yet (step 2).', severity: 'info' });

  const idp = await readIdpSettings(context.dataDir, profile.id);
  for (const [index, cert] of (idp?.signingCertificates ?? []).entries()) {
    const when = expiry(cert.notAfter, now);
    rows.push({ label: `IdP signing certificate ${index + 1} expires`, value: when.text, severity: when.severity });
  }
  if (!idp) rows.push({ label: 'IdP signing certificate expires', value: 'No IdP metadata imported yet (step 4 or 5).', severity: 'info' });

  return { title: 'Summary', role: 'summary', lead: status.nextAction, rows };
};
