// The acceptance test of "one store" (and of security issue 16 item 3, "5 of 36 CSRs lost their record"):
// real processes - the CLI and a running browser mode, say - update the same profile's stores at the same
// time, many times; afterwards every update is there and every file parses.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DraftStore } from '../../../../main/app/state/draft-store.js';
import { StateStore } from '../../../../main/app/state/state-store.js';
import { AdfsSettingsStore } from '../../../../main/domains/adfs/adfs-settings-store.js';
import { CertStore } from '../../../../main/domains/certs/cert-store.js';
import { readIdpSettings } from '../../../../main/domains/saml/idp-store.js';
import { SigninHistory } from '../../../../main/domains/signin/signin-history.js';
import { profileDataDir } from '../../../../main/platform/data-dir.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs('sso-two-doors-');
const writerScript = fileURLToPath(new URL('./fixtures/profile-writer.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../../../dist/main/platform/json-file-store.js', import.meta.url));
const PROFILE = '00000000-0000-4000-8000-0000000000aa';

function startWriter(dataDir: string, writer: string, rounds: number) {
  const child = spawn(process.execPath, [writerScript, dataDir, PROFILE, writer, String(rounds)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${writer} exited (${code}) before it was ready: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, ready, exited };
}

describe('two front doors writing one profile at once', () => {
  it.each([
    { writers: ['cli', 'browser'], rounds: 18, what: 'the 36 CSRs of issue 16' },
    { writers: ['cli1', 'cli2', 'cli3', 'browser4'], rounds: 12, what: 'four writers' },
  ])('$what: $rounds rounds each of every store from $writers.length processes, and nothing is lost', async ({ writers, rounds }) => {
    expect(existsSync(built), 'run "npm run build" first: the writers are separate processes running the built code').toBe(true);
    const dataDir = tempDir();
    const started = writers.map((writer) => startWriter(dataDir, writer, rounds));
    await Promise.all(started.map((w) => w.ready));
    for (const w of started) w.child.stdin.end('go\n');
    const results = await Promise.all(started.map((w) => w.exited));
    for (const [i, result] of results.entries()) {
      expect(result.stderr, writers[i]).toBe('');
      expect(result.code, writers[i]).toBe(0);
      expect(result.stdout).toContain('done');
    }

    const tags = writers.flatMap((writer) => Array.from({ length: rounds }, (_, round) => `${writer}-${round}`)).sort();
    const certs = await new CertStore(dataDir, PROFILE).read();
    expect(certs.ok && certs.value.csrs.map((c) => c.id).sort()).toEqual(tags);
    const history = await new SigninHistory(profileDataDir(dataDir, PROFILE)).read();
    expect(history.map((e) => e.runId).sort()).toEqual(tags);
    const drafts = new DraftStore(dataDir, PROFILE);
    for (const tag of tags) expect((await drafts.get(tag)).value, tag).toMatchObject({ round: Number(tag.split('-')[1]) });
    const state = new StateStore(dataDir);
    expect((await state.read()).profiles.map((p) => p.name).sort()).toEqual(tags);
    expect(state.warning).toBeNull();
    expect((await readIdpSettings(dataDir, PROFILE))?.warnings.slice().sort()).toEqual(tags);
    const adfs = await new AdfsSettingsStore(dataDir, PROFILE).read('meet.example.com');
    expect(adfs.ok && tags).toContain(adfs.ok && adfs.value.relyingPartyName);

    // Every file parses as plain JSON too, and nothing is left over: no lock, no temporary file, nothing kept aside.
    const profileDir = profileDataDir(dataDir, PROFILE);
    const files = [path.join(dataDir, 'state.json'), ...readdirSync(profileDir).map((name) => path.join(profileDir, name))];
    expect(files.map((file) => path.basename(file)).sort()).toEqual(['state.json', 'adfs.json', 'certs.json', 'drafts.json', 'idp.json', 'signin-history.json'].sort());
    for (const file of files) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    expect(readdirSync(dataDir).sort()).toEqual(['profiles', 'state.json']);
  }, 240_000);
});
