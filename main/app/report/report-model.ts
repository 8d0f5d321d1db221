/**
 * What a diagnostic report is made of. Each domain contributes sections; the builder renders them. A value
 * marked personal (a user's name or email from an assertion) is masked when the user asks for it.
 */
export type Severity = 'ok' | 'info' | 'warning' | 'error';

export interface ReportRow {
  label: string;
  value: string;
  severity?: Severity;
  /** Names and email addresses of users: masked on request. */
  personal?: boolean;
}

export interface ReportBlock {
  title: string;
  /** Shown as preformatted text (XML, PEM certificates, claim rules). */
  text: string;
}

/** A check's outcome, shown as status | finding | fix; a passing one is folded into a single line. */
export interface ReportFinding {
  severity: Severity;
  finding: string;
  /** What to do; ignored for a passing check ("Nothing to do" is not repeated). */
  fix: string;
  personal?: boolean;
}

export interface ReportSection {
  title: string;
  rows: ReportRow[];
  /** Shown after the rows as one status | finding | fix table. */
  findings?: ReportFinding[];
  blocks?: ReportBlock[];
  /** "summary": the one-screen overview at the top, drawn in a box. */
  role?: 'summary';
  /** One sentence in bold under the title (where the repair stands). */
  lead?: string;
  /** A sentence shown when there is nothing to report yet. */
  empty?: string;
}

export interface ReportContext {
  /** Remember a personal value found inside free text (e.g. an attribute inside XML), so it is masked everywhere. */
  personal(value: string): void;
}
