/**
 * The profile's record of test sign-ins (time, IdP, verdict, SSO codes), kept in
 * <profile data>/signin-history.json and replaced atomically, newest first. The newest runs also keep their
 * full result (the decoded response, as the run showed it), so step 5 can show it again after a reload and
 * any of those rows can be opened; older rows keep only their summary. The export leaves every result out: it
 * holds no SAML response or personal attribute beyond the subject's name, so it can be shared with a support team.
 */
import path from 'node:path';
import * as z from 'zod';
import {
  SigninHistoryEntrySchema,
  SigninResultSchema,
  type SigninHistoryEntry,
  type SigninHistoryRow,
  type SigninResult,
  type StoredSigninResult,
} from '../../../shared/signin/signin-schemas.js';
import { JsonFileStore } from '../../platform/json-file-store.js';

export const HISTORY_FILE = 'signin-history.json';
/** Enough to see a trend across a repair; older runs fall off. */
export const MAX_HISTORY_ENTRIES = 200;
/**
 * The newest runs that keep their full result. A result holds the decoded response and its XML (tens of kB),
 * so a few dozen keep the file small while covering a repair session's runs.
 */
export const MAX_KEPT_RESULTS = 20;

/** Version 1 files written before results were kept have no `result`: their rows open nothing, and still read. */
const StoredEntrySchema = SigninHistoryEntrySchema.extend({ result: SigninResultSchema.optional() });
type StoredEntry = z.infer<typeof StoredEntrySchema>;
const HistoryFileSchema = z.object({ version: z.literal(1), entries: z.array(StoredEntrySchema) });
type HistoryFile = z.infer<typeof HistoryFileSchema>;

export class SigninHistory {
  private readonly store: JsonFileStore<HistoryFile>;

  constructor(profileDir: string, now?: () => Date) {
    this.store = new JsonFileStore({
      file: path.join(profileDir, HISTORY_FILE),
      schema: HistoryFileSchema,
      empty: () => ({ version: 1, entries: [] }),
      label: 'The sign-in history',
      afterKeptAside: 'a new history was started',
      ...(now ? { now } : {}),
    });
  }

  /** The entries, newest first, without results. A missing file is an empty history; an unreadable one is kept aside, not lost. */
  async read(): Promise<SigninHistoryEntry[]> {
    return (await this.store.read()).value.entries.map(summaryOf);
  }

  /** The entries, newest first, each saying whether its full result can still be opened. */
  async rows(): Promise<SigninHistoryRow[]> {
    return (await this.store.read()).value.entries.map((entry) => ({ ...summaryOf(entry), resultKept: entry.result !== undefined }));
  }

  /** One run's row and full result, or null when the run is unknown or too old to keep its result. */
  async result(runId: string): Promise<StoredSigninResult | null> {
    const entry = (await this.store.read()).value.entries.find((candidate) => candidate.runId === runId);
    return entry?.result ? { entry: summaryOf(entry), result: entry.result } : null;
  }

  /**
   * Adds one entry (with the run's result, when given) under the file's queue and lock: runs recorded at once
   * (or by two processes) are all kept. Only the newest MAX_KEPT_RESULTS entries keep their result.
   */
  async append(entry: SigninHistoryEntry, result?: SigninResult): Promise<SigninHistoryEntry[]> {
    const { value } = await this.store.update((history) => {
      const added: StoredEntry = result ? { ...entry, result } : { ...entry };
      history.entries = [added, ...history.entries].slice(0, MAX_HISTORY_ENTRIES).map((kept, index) => (index < MAX_KEPT_RESULTS ? kept : summaryOf(kept)));
    });
    return value.entries.map(summaryOf);
  }
}

function summaryOf(entry: StoredEntry): SigninHistoryEntry {
  const { result: _result, ...summary } = entry;
  return summary;
}

/** CSV for spreadsheets (RFC 4180 quoting); cells starting with = + - @ are prefixed so no formula runs. */
export function historyToCsv(entries: readonly SigninHistoryEntry[]): string {
  const header = ['time', 'profile', 'initiation', 'idp', 'outcome', 'verdict', 'subject', 'codes', 'message'];
  const rows = entries.map((entry) => [entry.at, entry.profileName, entry.initiation, entry.idp, entry.outcome, entry.verdict ?? '', entry.subject ?? '', entry.codes.join(' '), entry.message]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
