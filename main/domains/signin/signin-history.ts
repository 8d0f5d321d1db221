/**
 * The profile's record of test sign-ins (time, IdP, verdict, SSO codes), kept in
 * <profile data>/signin-history.json and replaced atomically, newest first. It holds no SAML response or
 * personal attribute beyond the subject's name, so the export can be shared with a support team.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SigninHistoryEntrySchema, type SigninHistoryEntry } from '../../../shared/signin/signin-schemas.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';

export const HISTORY_FILE = 'signin-history.json';
/** Enough to see a trend across a repair; older runs fall off. */
export const MAX_HISTORY_ENTRIES = 200;

const HistoryFileSchema = z.object({ version: z.literal(1), entries: z.array(SigninHistoryEntrySchema) });

export class SigninHistory {
  private readonly file: string;

  constructor(profileDir: string) {
    this.file = path.join(profileDir, HISTORY_FILE);
  }

  /** The entries, newest first. A missing file is an empty history; an unreadable one is set aside, not lost. */
  async read(): Promise<SigninHistoryEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = HistoryFileSchema.safeParse(parsed);
    if (checked.success) return checked.data.entries;
    await fs.rename(this.file, `${this.file}.unreadable-${Date.now()}`).catch(() => undefined);
    return [];
  }

  async append(entry: SigninHistoryEntry): Promise<SigninHistoryEntry[]> {
    const entries = [entry, ...(await this.read())].slice(0, MAX_HISTORY_ENTRIES);
    await ensureDirectory(path.dirname(this.file));
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
    return entries;
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
