/**
 * The profile's record of test sign-ins (time, IdP, verdict, SSO codes), kept in
 * <profile data>/signin-history.json and replaced atomically, newest first. It holds no SAML response or
 * personal attribute beyond the subject's name, so the export can be shared with a support team.
 */
import path from 'node:path';
import { z } from 'zod';
import { SigninHistoryEntrySchema, type SigninHistoryEntry } from '../../../shared/signin/signin-schemas.js';
import { JsonFileStore } from '../../platform/json-file-store.js';

export const HISTORY_FILE = 'signin-history.json';
/** Enough to see a trend across a repair; older runs fall off. */
export const MAX_HISTORY_ENTRIES = 200;

const HistoryFileSchema = z.object({ version: z.literal(1), entries: z.array(SigninHistoryEntrySchema) });
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

  /** The entries, newest first. A missing file is an empty history; an unreadable one is kept aside, not lost. */
  async read(): Promise<SigninHistoryEntry[]> {
    return (await this.store.read()).value.entries;
  }

  /** Adds one entry under the file's queue and lock: runs recorded at once (or by two processes) are all kept. */
  async append(entry: SigninHistoryEntry): Promise<SigninHistoryEntry[]> {
    const { value } = await this.store.update((history) => {
      history.entries = [entry, ...history.entries].slice(0, MAX_HISTORY_ENTRIES);
    });
    return value.entries;
  }
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
