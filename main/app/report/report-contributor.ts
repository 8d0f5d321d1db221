/** One section of the diagnostic report: reads its domain's state for a profile and returns the section. */
import type { Profile } from '../../../shared/api/profile-schemas.js';
import type { CoreContext } from '../core/core-context.js';
import type { ReportContext, ReportSection } from './report-model.js';

export type ReportContributor = (context: CoreContext, profile: Profile, report: ReportContext) => Promise<ReportSection>;
