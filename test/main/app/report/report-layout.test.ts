/**
 * Issue 18, item 13: how the report reads and prints - findings as status | finding | fix with the worst first
 * and passing checks on one line, long values that wrap, rows that stay whole across PDF pages.
 */
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../../main/app/report/report-html.js';
import type { ReportSection } from '../../../../main/app/report/report-model.js';

const render = (sections: ReportSection[], mask = false) =>
  renderReportHtml({ title: 'SSO diagnostic report: meet.example.com', subtitle: 's', generatedAt: new Date('2026-11-30T19:26:59Z'), appVersion: '1.0.0', sections, maskPersonalData: mask, personalValues: [] });

describe('report layout', () => {
  const findings: ReportSection = {
    title: 'Certificates',
    rows: [],
    findings: [
      { severity: 'ok', finding: 'Key usage allows TLS.', fix: 'Nothing to do.' },
      { severity: 'warning', finding: 'The certificate expires in 20 days.', fix: 'Plan the renewal now.' },
      { severity: 'error', finding: 'The chain is incomplete.', fix: 'Import the intermediate.' },
      { severity: 'info', finding: 'Signed by <script>alert(1)</script>', fix: 'a & b' },
      { severity: 'error', finding: 'NameID alice@example.com is not an email format', fix: 'Fix the claim rule.', personal: true },
    ],
  };

  it('draws findings as status | finding | fix, errors first, a passing one on a single line without its fix', () => {
    const html = render([findings]);
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    const order = [...body.matchAll(/sev-(\w+)/g)].map((m) => m[1]);
    expect(order).toEqual(['error', 'error', 'warning', 'info', 'ok']);
    expect(body).toContain('<tr class="pass"><td><span class="sev sev-ok">OK</span></td><td colspan="2">Key usage allows TLS.</td></tr>');
    expect(body).not.toContain('Nothing to do.');
    expect(body).toContain('<td>The chain is incomplete.</td><td>Import the intermediate.</td>');
    expect(body).toContain('Signed by &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('<td>a &amp; b</td>');
  });

  it('masks a personal finding on request', () => {
    expect(render([findings], true)).not.toContain('alice@example.com');
    expect(render([findings], false)).toContain('alice@example.com');
  });

  it('puts the summary first in a box, with where the repair stands in bold, and writes the time with its zone', () => {
    const html = render([{ title: 'Summary', role: 'summary', lead: 'Next: step 2, Import certificate.', rows: [{ label: 'Still open', value: 'Step 2', severity: 'warning' }] }, findings]);
    expect(html.indexOf('<section class="summary">')).toBeLessThan(html.indexOf('<h2>Certificates</h2>'));
    expect(html).toContain('<p class="standing">Next: step 2, Import certificate.</p>');
    expect(html).toContain('Generated 2026-11-30 19:26:59 UTC');
  });

  it('wraps long values and keeps table rows whole across printed pages', () => {
    const html = render([findings]);
    expect(html).toMatch(/td, th \{ overflow-wrap: anywhere;/);
    expect(html).toMatch(/@media print \{[^\n]*tr \{ break-inside: avoid;[^\n]*thead \{ display: table-header-group; \}/);
  });
});
