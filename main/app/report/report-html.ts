/**
 * Renders a diagnostic report as one self-contained HTML file: styles inline, no script, no font, image or
 * link that would reach the network, so it opens anywhere (and offline) and prints to PDF as it looks.
 */
import { formatDateTime } from '../../../shared/date-time-text.js';
import { maskText, maskValue } from './personal-data-mask.js';
import type { ReportFinding, ReportRow, ReportSection, Severity } from './report-model.js';

const SEVERITY_TEXT: Record<Severity, string> = { ok: 'OK', info: 'Info', warning: 'Warning', error: 'Error' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: #16191d; }
  body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin-bottom: 0.25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #c9ced6; padding-bottom: 0.25rem; }
  h3 { font-size: 1rem; margin-bottom: 0.25rem; }
  .meta { color: #4a5260; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e6ea; }
  th { width: 30%; font-weight: 600; }
  /* Fingerprints, URLs and XML have no spaces: they wrap anywhere rather than run past the page edge. */
  td, th { overflow-wrap: anywhere; word-break: break-word; }
  pre { background: #f5f6f8; border: 1px solid #e3e6ea; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: 0.8rem; }
  .sev { display: inline-block; min-width: 4.5rem; font-weight: 700; font-size: 0.8rem; }
  td > .sev + .val { display: inline-block; width: calc(100% - 5rem); vertical-align: top; }
  table.findings { table-layout: fixed; margin-top: 0.75rem; }
  table.findings thead th { width: auto; font-size: 0.8rem; color: #4a5260; border-bottom: 1px solid #c9ced6; }
  table.findings .col-status { width: 6rem; } table.findings .col-fix { width: 38%; }
  table.findings tr.pass td { padding-top: 0.15rem; padding-bottom: 0.15rem; color: #30353c; }
  .summary { border: 1px solid #c9ced6; border-radius: 8px; padding: 0 1rem 0.5rem; margin-top: 1rem; }
  .summary h2 { border-bottom: 0; margin-top: 0.75rem; }
  .summary .standing { font-size: 1.05rem; font-weight: 600; }
  .sev-ok { color: #146c2e; } .sev-info { color: #1d4ed8; } .sev-warning { color: #8a5a00; } .sev-error { color: #b42318; }
  .note { background: #eef2fb; padding: 0.5rem 0.75rem; border-radius: 6px; }
  /* Rows stay whole across PDF pages; a table's header repeats on each page; headings stay with what follows. */
  @media print { body { margin: 0; } pre { break-inside: avoid; } tr { break-inside: avoid; page-break-inside: avoid; } thead { display: table-header-group; } h2, h3 { break-after: avoid; page-break-after: avoid; } .summary { break-inside: avoid; } }
`;

export interface ReportDocument {
  title: string;
  subtitle: string;
  generatedAt: Date;
  appVersion: string;
  sections: ReportSection[];
  maskPersonalData: boolean;
  personalValues: Iterable<string>;
}

/** status | finding | fix, errors and warnings first; a passing check is one line, without "Nothing to do." */
function renderFindings(findings: readonly ReportFinding[], text: (value: string) => string, mask: boolean): string {
  if (findings.length === 0) return '';
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };
  const cell = (finding: ReportFinding, value: string) => (mask && finding.personal ? escapeHtml(maskValue(value)) : text(value));
  const rows = [...findings]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map((f) =>
      f.severity === 'ok'
        ? `<tr class="pass"><td><span class="sev sev-ok">${SEVERITY_TEXT.ok}</span></td><td colspan="2">${cell(f, f.finding)}</td></tr>`
        : `<tr><td><span class="sev sev-${f.severity}">${SEVERITY_TEXT[f.severity]}</span></td><td>${cell(f, f.finding)}</td><td>${text(f.fix)}</td></tr>`,
    )
    .join('\n');
  return `<table class="findings">\n<colgroup><col class="col-status"><col><col class="col-fix"></colgroup>\n<thead><tr><th scope="col">Status</th><th scope="col">Finding</th><th scope="col">Fix</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n`;
}

export function renderReportHtml(doc: ReportDocument): string {
  const personal = [...doc.personalValues];
  const text = (value: string) => escapeHtml(doc.maskPersonalData ? maskText(value, personal) : value);
  const rowValue = (row: ReportRow) => (doc.maskPersonalData && row.personal ? escapeHtml(maskValue(row.value)) : text(row.value));
  const sections = doc.sections
    .map((section) => {
      const rows = section.rows
        .map((row) => {
          const sev = row.severity ? `<span class="sev sev-${row.severity}">${SEVERITY_TEXT[row.severity]}</span> ` : '';
          // With a status, the value hangs beside it, so wrapped lines do not run back under the status word.
          return `<tr><th scope="row">${text(row.label)}</th><td>${sev}${row.severity ? `<span class="val">${rowValue(row)}</span>` : rowValue(row)}</td></tr>`;
        })
        .join('\n');
      const findings = renderFindings(section.findings ?? [], text, doc.maskPersonalData);
      const blocks = (section.blocks ?? []).map((b) => `<h3>${text(b.title)}</h3>\n<pre>${text(b.text)}</pre>`).join('\n');
      const empty = section.rows.length === 0 && !section.blocks?.length && !section.findings?.length ? `<p class="note">${text(section.empty ?? 'Nothing recorded yet.')}</p>` : '';
      const summary = section.role === 'summary';
      const standing = section.lead ? `<p class="standing">${text(section.lead)}</p>\n` : '';
      return `<section${summary ? ' class="summary"' : ''}>\n<h2>${text(section.title)}</h2>\n${standing}${empty}${rows ? `<table>\n${rows}\n</table>` : ''}\n${findings}${blocks}\n</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${text(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${text(doc.title)}</h1>
<p class="meta">${text(doc.subtitle)}</p>
<p class="meta">Generated ${escapeHtml(formatDateTime(doc.generatedAt))} by SSO Setup Wizard ${escapeHtml(doc.appVersion)}.${
    doc.maskPersonalData ? ' Personal data (user names and email addresses) is masked.' : ''
  } This report never contains private keys or passwords.</p>
</header>
<main>
${sections}
</main>
</body>
</html>
`;
}
