/** Builds the diagnostic report of one profile from every contributor, masks on request, and checks for secrets. */
import type { Profile } from '../../../shared/api/profile-schemas.js';
import type { CoreContext } from '../core/core-context.js';
import type { ReportContributor } from './report-contributor.js';
import { REPORT_CONTRIBUTORS } from './report-contributors.js';
import type { ReportSection } from './report-model.js';
import { renderReportHtml } from './report-html.js';
import { findSecret } from './secret-guard.js';
import { hostFileName } from '../../platform/host-file-name.js';

export interface BuiltReport {
  fileName: string;
  html: string;
  masked: boolean;
}

export async function buildDiagnosticReport(
  context: CoreContext,
  profile: Profile,
  options: { maskPersonalData: boolean },
  contributors: readonly ReportContributor[] = REPORT_CONTRIBUTORS,
): Promise<BuiltReport> {
  const personal = new Set<string>();
  const reportContext = { personal: (value: string) => void personal.add(value) };
  const sections: ReportSection[] = [];
  for (const contribute of contributors) {
    try {
      sections.push(await contribute(context, profile, reportContext));
    } catch (error) {
      sections.push({ title: 'Section unavailable', rows: [{ label: 'Problem', value: error instanceof Error ? error.message : String(error), severity: 'warning' }] });
    }
  }
  for (const section of sections) for (const row of section.rows) if (row.personal) personal.add(row.value);
  const now = context.now();
  const html = renderReportHtml({
    title: `SSO diagnostic report: ${profile.host}`,
    subtitle: `Single sign-on between ${profile.siteUrl} and its identity provider.`,
    generatedAt: now,
    appVersion: context.version,
    sections,
    maskPersonalData: options.maskPersonalData,
    personalValues: personal,
  });
  const secret = findSecret(html);
  if (secret) throw new Error(`The report would contain a private key (${secret.slice(0, 40)}…); it was not written.`);
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return { fileName: hostFileName(profile.host, `-sso-report-${stamp}.html`), html, masked: options.maskPersonalData };
}
