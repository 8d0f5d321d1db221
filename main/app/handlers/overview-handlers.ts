import { ok } from '../../../shared/result.js';
import { profileStatus } from '../overview/profile-status.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';

// The report (every section, from each domain) loads when a report is asked for, not with the start page's status.
const report = async () => (await import('../report/diagnostic-report.js')).buildDiagnosticReport;

export const overviewHandlers: Pick<Handlers, 'profile.status' | 'report.generate' | 'report.pdf'> = {
  'profile.status': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    return profile.ok ? ok(await profileStatus(context, profile.value)) : profile;
  },
  'report.generate': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    if (!profile.ok) return profile;
    return ok(await (await report())(context, profile.value, { maskPersonalData: input.maskPersonalData }));
  },
  'report.pdf': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    if (!profile.ok) return profile;
    const built = await (await report())(context, profile.value, { maskPersonalData: input.maskPersonalData });
    const pdf = await context.outside.printPdf(built.html);
    if (!pdf.ok) return pdf;
    return ok({ fileName: built.fileName.replace(/\.html$/, '.pdf'), pdfBase64: Buffer.from(pdf.value).toString('base64'), masked: built.masked });
  },
};
