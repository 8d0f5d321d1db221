import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE, historyToCsv, MAX_HISTORY_ENTRIES, SigninHistory } from '../../../../main/domains/signin/signin-history.js';
import type { SigninHistoryEntry } from '../../../../shared/signin/signin-schemas.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs('sso-signin-history-');

function entry(n: number, extra: Partial<SigninHistoryEntry> = {}): SigninHistoryEntry {
  return {
    runId: `run-${n}`,
    at: `2026-11-28T12:00:${String(n % 60).padStart(2, '0')}.000Z`,
    profileName: 'Production',
    initiation: 'sp',
    idp: 'http://idp.example/metadata',
    outcome: 'checked',
    verdict: 'findings',
    subject: null,
    codes: [25],
    message: 'The site would refuse this response: SSO error 25.',
    ...extra,
  };
}

describe('SigninHistory', () => {
  it('starts empty, keeps newest first, and creates the profile folder', async () => {
    const dir = path.join(tempDir(), 'profiles', 'p1');
    const history = new SigninHistory(dir);
    expect(await history.read()).toEqual([]);
    await history.append(entry(1));
    await history.append(entry(2, { verdict: 'would-sign-in', subject: 'alice@example.com', codes: [] }));
    expect((await history.read()).map((e) => e.runId)).toEqual(['run-2', 'run-1']);
  });

  it(`keeps at most ${MAX_HISTORY_ENTRIES} entries`, async () => {
    const dir = tempDir();
    const entries = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => entry(i));
    await fs.writeFile(path.join(dir, HISTORY_FILE), JSON.stringify({ version: 1, entries }));
    const after = await new SigninHistory(dir).append(entry(999));
    expect(after).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(after[0]?.runId).toBe('run-999');
  });

  it.each(['{not json', '{"version":2,"entries":[]}', '{"version":1,"entries":[{"runId":1}]}', ''])('sets an unreadable file aside: %s', async (content) => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, HISTORY_FILE), content);
    expect(await new SigninHistory(dir).read()).toEqual([]);
    expect((await fs.readdir(dir)).some((name) => name.startsWith(`${HISTORY_FILE}.unreadable-`))).toBe(true);
  });
});

describe('historyToCsv', () => {
  it('quotes commas and quotes, and defuses formula cells', () => {
    const csv = historyToCsv([entry(1, { message: 'He said "no", twice', subject: '=HYPERLINK("x")', codes: [14, 28] })]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe('time,profile,initiation,idp,outcome,verdict,subject,codes,message');
    expect(row).toContain('"He said ""no"", twice"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain(',14 28,');
  });
});
