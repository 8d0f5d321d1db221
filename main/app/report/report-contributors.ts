/**
 * The sections of a diagnostic report, in order. Each domain adds a contributor that reads its own state;
 * a contributor that fails shows as a section saying so, and never hides the rest of the report.
 */
import { STEPS } from '../../../shared/steps.js';
import type { ReportContributor } from './report-contributor.js';
import { certificatesSection } from './sections/certificates-section.js';
import { claimRulesSection } from './sections/claim-rules-section.js';
import { healthSection } from './sections/health-section.js';
import { idpSection } from './sections/idp-section.js';
import { signinSection } from './sections/signin-section.js';
import { siteChecklistSection } from './sections/site-checklist-section.js';
import { summarySection } from './sections/summary-section.js';


const profileSection: ReportContributor = async (_context, profile) => ({
  title: 'Site profile',
  rows: [
    { label: 'Profile', value: profile.name },
    { label: 'Site URL', value: profile.siteUrl },
    { label: 'SP entity ID', value: profile.spEntityId },
    { label: 'ACS URL', value: profile.acsUrl },
    { label: 'Steps done', value: STEPS.filter((s) => profile.progress.completed.includes(s.id)).map((s) => `${s.number}. ${s.title}`).join(', ') || 'none yet' },
  ],
});

export const REPORT_CONTRIBUTORS: ReportContributor[] = [summarySection, profileSection, siteChecklistSection, certificatesSection, idpSection, claimRulesSection, signinSection, healthSection];
