import { profileDataDir } from '../../../platform/data-dir.js';
import { readLastSignin } from '../../../domains/signin/last-signin-store.js';
import { SigninHistory } from '../../../domains/signin/signin-history.js';
import type { ReportContributor } from '../report-contributor.js';
import type { ReportFinding, ReportRow } from '../report-model.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';
import { fixTargetLabel } from '../../../../shared/sso-errors/fix-targets.js';

/** Every test sign-in, newest first: when, how, the verdict and the site error codes it would cause. */
export const signinSection: ReportContributor = async (context, profile, report) => {
  const profileDir = profileDataDir(context.dataDir, profile.id);
  const entries = await new SigninHistory(profileDir).read();
  const last = await readLastSignin(profileDir);
  const decoded = last?.result.report?.decoded;
  if (decoded) {
    // Names and email addresses inside the XML are masked too when the user asks for it.
    if (decoded.nameId) report.personal(decoded.nameId);
    for (const values of Object.values(decoded.attributes)) for (const value of values) report.personal(value);
  }
  const lastRows: ReportRow[] = last?.result.report
    ? [
        { label: `Last decoded response (${formatDateTime(last.at)})`, value: last.result.report.summary, severity: last.result.report.signsIn ? 'ok' : 'error' },
        ...(decoded
          ? [
              { label: 'Issuer', value: decoded.issuer ?? 'none' },
              { label: 'NameID', value: `${decoded.nameId ?? 'none'} (${decoded.nameIdFormat ?? 'no format'})`, personal: decoded.nameId !== null },
              { label: 'Clock difference to this computer', value: decoded.clockDifferenceSeconds === null ? 'unknown' : `${decoded.clockDifferenceSeconds} s` },
              ...Object.entries(decoded.attributes).map(([name, values]) => ({ label: `Attribute ${name}`, value: values.join(', '), personal: true })),
            ]
          : []),
      ]
    : [];
  const findings: ReportFinding[] = (last?.result.report?.findings ?? []).map((f) => ({
    severity: f.severity,
    finding: `${f.ssoCode ? `Site error ${f.ssoCode}: ` : ''}${f.field}. ${f.explanation}${f.expected !== null ? ` Expected: ${f.expected}.` : ''}${f.actual !== null ? ` Actual: ${f.actual}.` : ''}`,
    fix: f.fixStep ? `In ${fixTargetLabel(f.fixStep)}.` : '',
    personal: false,
  }));
  return {
    title: 'Test sign-ins',
    findings,
    empty: 'No test sign-in yet (step 5).',
    blocks: decoded?.xml ? [{ title: 'Last SAML response (decoded XML)', text: decoded.xml }] : [],
    rows: [...lastRows, ...entries.map((entry) => ({
      label: `${formatDateTime(entry.at)} (${entry.initiation === 'sp' ? 'SP-initiated' : 'IdP-initiated'}, ${entry.idp})`,
      value: `${entry.outcome}${entry.verdict ? `, ${entry.verdict === 'would-sign-in' ? 'would sign in' : 'findings'}` : ''}${
        entry.codes.length ? `; site error codes ${entry.codes.join(', ')}` : ''
      }${entry.subject ? `; user ${entry.subject}` : ''}. ${entry.message}`,
      severity: entry.verdict === 'would-sign-in' ? ('ok' as const) : entry.outcome === 'checked' ? ('error' as const) : ('warning' as const),
      personal: entry.subject !== null,
    }))],
  };
};
