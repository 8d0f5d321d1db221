/**
 * The health check in the report: the last run as it was kept (the report itself makes no network call), each
 * finding with its fact, the date to act by and the fix; problems first.
 */
import { fixTargetLabel } from '../../../../shared/sso-errors/fix-targets.js';
import { readHealthState } from '../../health/health-store.js';
import type { ReportContributor } from '../report-contributor.js';

const ORDER = { error: 0, warning: 1, ok: 2 } as const;

export const healthSection: ReportContributor = async (context, profile) => {
  const { lastRun: run, nodes } = await readHealthState(context.dataDir, profile.id);
  if (!run) return { title: 'Health check', rows: [], empty: 'The health check has not run for this profile yet: open the profile in the wizard, or run sso-wizard check.' };
  const findings = [...run.findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return {
    title: 'Health check',
    rows: [
      { label: 'Last run', value: `${run.ranAt.slice(0, 19).replace('T', ' ')} UTC: ${run.counts.error} error(s), ${run.counts.warning} warning(s), ${run.counts.ok} passed; nodes ${run.nodes.join(', ')}${nodes.length ? ' (the profile\'s node list)' : ''}`, severity: run.worst },
      ...findings.map((f) => ({
        label: f.subject,
        value: [f.fact, f.ssoErrorCodes.length ? `Site error ${f.ssoErrorCodes.join('/')}.` : '', f.actBy && f.severity !== 'ok' ? `Act by ${f.actBy.slice(0, 10)}.` : '', f.fix ?? '', f.fixTarget ? `Where: ${fixTargetLabel(f.fixTarget)}.` : ''].filter(Boolean).join(' '),
        severity: f.severity,
      })),
    ],
  };
};
