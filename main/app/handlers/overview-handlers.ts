import { ok } from '../../../shared/result.js';
import { profileStatus } from '../overview/profile-status.js';
import { buildDiagnosticReport } from '../report/diagnostic-report.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';

export const overviewHandlers: Pick<Handlers, 'profile.status' | 'report.generate' | 'report.pdf'> = {
  'profile.status': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    return profile.ok ? ok(await profileStatus(context, profile.value)) : profile;
  },
  'report.generate': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    if (!profile.ok) return profile;
    return ok(await buildDiagnosticReport(context, profile.value, { maskPersonalData: input.maskPersonalData }));
  },
  'report.pdf': async (input, context) => {
    const profile = await findProfile(context, input.id, 'id');
    if (!profile.ok) return profile;
    const report = await buildDiagnosticReport(context, profile.value, { maskPersonalData: input.maskPersonalData });
    const pdf = await context.outside.printPdf(report.html);
    if (!pdf.ok) return pdf;
    return ok({ fileName: report.fileName.replace(/\.html$/, '.pdf'), pdfBase64: Buffer.from(pdf.value).toString('base64'), masked: report.masked });
  },
};
