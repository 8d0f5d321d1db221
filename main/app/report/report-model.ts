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

export interface ReportSection {
  title: string;
  rows: ReportRow[];
  blocks?: ReportBlock[];
  /** A sentence shown when there is nothing to report yet. */
  empty?: string;
}

export interface ReportContext {
  /** Remember a personal value found inside free text (e.g. an attribute inside XML), so it is masked everywhere. */
  personal(value: string): void;
}
