/**
 * What the one report view (SamlReport.svelte) shows, built from either answer the core gives about a SAML
 * response: a whole validation report (Decode an error, step 5) or the attribute check of step 4.
 */
import type { Output } from '../../../shared/api/contract';
import type { SamlFinding, ValidationReport } from '../../../shared/saml/validation-report';
import { reportText as r } from '../text/decode-text';

export type ReportFinding = SamlFinding & { readonly fixRule?: string | null };

export interface ReportView {
  /** Whether the site would sign the user in. */
  readonly ok: boolean;
  /** One sentence that says the verdict once. */
  readonly verdict: string;
  readonly findings: readonly ReportFinding[];
  /** The decoded values, label then value, in reading order. */
  readonly rows: readonly (readonly [string, string])[];
  /** The response as posted (Base64) and reformatted for reading, for copying and saving; null when not at hand. */
  readonly original: string | null;
  readonly xml: string | null;
  /** What "Save report (JSON)" saves. */
  readonly json: unknown;
}

/** A whole validation report. `requestId` adds the AuthnRequest ID a live sign-in sent (step 5). */
export function fromValidationReport(report: ValidationReport, options: { verdict?: string; requestId?: string | null; json?: unknown } = {}): ReportView {
  const d = report.decoded;
  const validity = d.notBefore || d.notOnOrAfter ? `${d.notBefore ?? '…'} – ${d.notOnOrAfter ?? '…'}` : r.none;
  const rows: [string, string][] = [
    [r.table.issuer, d.issuer ?? r.none],
    [r.table.assertionIssuer, d.assertionIssuer ?? r.none],
    [r.table.status, [d.statusCode, d.statusMessage].filter(Boolean).join(' — ') || r.none],
    [r.table.issueInstant, d.issueInstant ?? r.none],
    [r.table.checkedAt, d.checkedAt],
    [r.table.clock, d.clockDifferenceSeconds === null ? r.none : r.clock(d.clockDifferenceSeconds)],
    [r.table.validity, validity],
    [r.table.destination, d.destination ?? r.none],
    [r.table.recipient, d.recipient ?? r.none],
    [r.table.inResponseTo, d.inResponseTo ?? r.none],
    ...(options.requestId !== undefined ? [[r.table.requestSent, options.requestId ?? r.none] as [string, string]] : []),
    [r.table.audiences, d.audiences.join(', ') || r.none],
    [r.table.nameId, d.nameId ?? r.none],
    [r.table.nameIdFormat, d.nameIdFormat ?? r.none],
    [r.table.signed, r.signedWhat(d.responseSigned, d.assertionSigned, d.encrypted)],
    [
      r.table.certificate,
      d.signingCertificate ? r.certificateText(d.signingCertificate.subject, d.signingCertificate.notAfter, d.signingCertificate.sha256Fingerprint, d.signingCertificate.source) : r.none,
    ],
    ...Object.entries(d.attributes).map(([name, values]) => [`${r.table.attributes}: ${name}`, values.join(', ')] as [string, string]),
  ];
  return { ok: report.signsIn, verdict: options.verdict ?? report.summary, findings: report.findings, rows, original: d.original, xml: d.xml, json: options.json ?? report };
}

/** Step 4's check of the values a response carries: its findings (each with the claim rule that fixes it) and the values. */
export function fromAttributeCheck(check: Output<'attributes.checkResponse'>, verdict: string): ReportView {
  const rows: [string, string][] = [
    [r.table.nameId, check.nameId ?? r.none],
    [r.table.nameIdFormat, check.nameIdFormat ?? r.none],
    ...Object.entries(check.attributes).map(([name, values]) => [`${r.table.attributes}: ${name}`, values.join(', ')] as [string, string]),
  ];
  return { ok: check.passes, verdict, findings: check.findings, rows, original: null, xml: null, json: check };
}

/** The table as tab-separated text, for "Copy table". */
export function rowsAsText(rows: ReportView['rows']): string {
  return rows.map(([label, value]) => `${label}\t${value}`).join('\n');
}
