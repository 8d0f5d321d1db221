/** Step 5 from the sign-in history: the last test and its verdict. */
import { profileDataDir } from '../../../platform/data-dir.js';
import { SigninHistory } from '../../../domains/signin/signin-history.js';
import type { StepStatusProvider } from '../step-status.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

export const signinStatus: StepStatusProvider = async (context, profile) => {
  const [last] = await new SigninHistory(profileDataDir(context.dataDir, profile.id)).read();
  if (!last) return { step: 'test', state: 'todo', headline: 'Test sign-in: not tried yet', detail: null };
  const when = formatDateTime(last.at);
  if (last.verdict === 'would-sign-in') {
    return { step: 'test', state: 'done', headline: `Last test sign-in ${when}: would sign in${last.subject ? ` as ${last.subject}` : ''}`, detail: null };
  }
  const codes = last.codes.length ? ` (site error code${last.codes.length > 1 ? 's' : ''} ${last.codes.join(', ')})` : '';
  return { step: 'test', state: 'attention', headline: `Last test sign-in ${when}: ${last.outcome === 'checked' ? 'would fail' : last.outcome}${codes}`, detail: last.message };
};
