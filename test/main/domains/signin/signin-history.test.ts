import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE, historyToCsv, MAX_HISTORY_ENTRIES, MAX_KEPT_RESULTS, SigninHistory } from '../../../../main/domains/signin/signin-history.js';
import type { SigninHistoryEntry, SigninResult } from '../../../../shared/signin/signin-schemas.js';
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

function result(n: number): SigninResult {
  return {
    outcome: 'timeout', message: `No SAML response arrived (run ${n}).`, hint: 'Sign in within the time.', initiation: 'sp', startUrl: 'https://idp.example/sso', requestId: `_req${n}`,
    captured: null, report: null, verdict: null, subject: null, codes: [], errorPage: null, siteAfterForward: null,
  };
}

describe('SigninHistory: each run\'s result (issue 18 item 6)', () => {
  it('keeps the result with its row, opens it by run ID, and leaves it out of read() and the rows', async () => {
    const history = new SigninHistory(tempDir());
    await history.append(entry(1), result(1));
    await history.append(entry(2));
    expect(await history.rows()).toEqual([{ ...entry(2), resultKept: false }, { ...entry(1), resultKept: true }]);
    expect(await history.read()).toEqual([entry(2), entry(1)]);
    expect(await history.result('run-1')).toEqual({ entry: entry(1), result: result(1) });
    expect(await history.result('run-2')).toBeNull();
    expect(await history.result('no-such-run')).toBeNull();
  });

  it(`only the newest ${MAX_KEPT_RESULTS} rows keep their result; older rows keep their summary`, async () => {
    const dir = tempDir();
    const history = new SigninHistory(dir);
    for (let n = 0; n < MAX_KEPT_RESULTS + 3; n++) await history.append(entry(n), result(n));
    const rows = await history.rows();
    expect(rows).toHaveLength(MAX_KEPT_RESULTS + 3);
    expect(rows.filter((row) => row.resultKept)).toHaveLength(MAX_KEPT_RESULTS);
    expect(rows.slice(MAX_KEPT_RESULTS).every((row) => !row.resultKept)).toBe(true);
    expect(await history.result('run-0')).toBeNull();
    expect((await history.result(`run-${MAX_KEPT_RESULTS + 2}`))?.result.requestId).toBe(`_req${MAX_KEPT_RESULTS + 2}`);
    // The file itself holds no more results than that.
    const file = JSON.parse(await fs.readFile(path.join(dir, HISTORY_FILE), 'utf8')) as { entries: { result?: unknown }[] };
    expect(file.entries.filter((stored) => stored.result !== undefined)).toHaveLength(MAX_KEPT_RESULTS);
  });

  it('reads a file written before results were kept, and a damaged result sets the file aside like any damage', async () => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, HISTORY_FILE), JSON.stringify({ version: 1, entries: [entry(1)] }));
    expect(await new SigninHistory(dir).rows()).toEqual([{ ...entry(1), resultKept: false }]);
    await fs.writeFile(path.join(dir, HISTORY_FILE), JSON.stringify({ version: 1, entries: [{ ...entry(1), result: { outcome: 'exploded' } }] }));
    expect(await new SigninHistory(dir).rows()).toEqual([]);
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
