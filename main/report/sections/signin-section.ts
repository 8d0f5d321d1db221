import { profileDataDir } from '../../core/step-progress.js';
import { SigninHistory } from '../../signin/signin-history.js';
import type { ReportContributor } from '../report-contributors.js';

/** Every test sign-in, newest first: when, how, the verdict and the site error codes it would cause. */
export const signinSection: ReportContributor = async (context, profile) => {
  const entries = await new SigninHistory(profileDataDir(context.dataDir, profile.id)).read();
  return {
    title: 'Test sign-ins',
    empty: 'No test sign-in yet (step 5).',
    rows: entries.map((entry) => ({
      label: `${entry.at} (${entry.initiation === 'sp' ? 'SP-initiated' : 'IdP-initiated'}, ${entry.idp})`,
      value: `${entry.outcome}${entry.verdict ? `, ${entry.verdict === 'would-sign-in' ? 'would sign in' : 'findings'}` : ''}${
        entry.codes.length ? `; site error codes ${entry.codes.join(', ')}` : ''
      }${entry.subject ? `; user ${entry.subject}` : ''}. ${entry.message}`,
      severity: entry.verdict === 'would-sign-in' ? ('ok' as const) : entry.outcome === 'checked' ? ('error' as const) : ('warning' as const),
      personal: entry.subject !== null,
    })),
  };
};
