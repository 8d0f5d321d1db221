/** The site-side actions of the DR procedure, ticked or open, and where the repair stands as a whole. */
import { profileStatus } from '../../overview/profile-status.js';
import type { ReportContributor } from '../report-contributor.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

export const siteChecklistSection: ReportContributor = async (context, profile) => {
  const status = await profileStatus(context, profile);
  return {
    title: 'Site-side checklist and status',
    rows: [
      ...status.steps.map((step) => ({ label: `Step: ${step.headline}`, value: step.detail ?? '', severity: step.state === 'done' ? ('ok' as const) : step.state === 'attention' ? ('error' as const) : ('info' as const) })),
      ...status.checklist.items
        .filter((item) => item.applies)
        .map((item) => ({
          label: `On the site: ${item.title}`,
          value: item.doneAt ? `done, ticked ${formatDateTime(item.doneAt)}` : `not confirmed yet: ${item.where}`,
          severity: item.doneAt ? ('ok' as const) : ('warning' as const),
        })),
    ],
  };
};
