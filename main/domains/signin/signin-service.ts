/**
 * The test sign-ins of one core: starts runs, keeps them for polling, records each finished run in the
 * profile's history. Which window opens is handed in with the core: browser mode and the CLI launch Chromium,
 * the Electron shell opens a BrowserWindow.
 */
import { randomUUID } from 'node:crypto';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import type { SigninHistoryEntry } from '../../../shared/signin/signin-schemas.js';
import type { OpenSigninBrowser } from './cdp-session.js';
import { writeLastSignin } from './last-signin-store.js';
import { SigninHistory } from './signin-history.js';
import { TestSigninRun, type IdpIdentity, type SigninResult, type SigninRunnerDeps, type SigninRunSettings } from './test-signin-runner.js';

/** Finished runs stay pollable this long (the renderer polls every 300 ms; a closed tab never asks again). */
const KEEP_FINISHED_MS = 15 * 60_000;

export type SigninEngine = Omit<SigninRunnerDeps<ValidationReport>, 'openBrowser' | 'now' | 'schedule'>;

export interface StartRequest {
  runId?: string;
  profileName: string;
  profileDir: string;
  settings: SigninRunSettings;
  /** Runs after the history is written and before the run reports itself finished (e.g. mark the step done). */
  afterFinish?: (result: SigninResult<ValidationReport>) => Promise<void>;
}

export class SigninService {
  private readonly runs = new Map<string, { run: TestSigninRun<ValidationReport>; finishedAt: number | null }>();

  constructor(
    private readonly engine: SigninEngine,
    private readonly now: () => Date,
    private readonly openBrowser: () => OpenSigninBrowser,
    private readonly schedule: (ms: number, task: () => void) => () => void = (ms, task) => {
      // Unref'd: a pending sign-in timeout must not keep a stopping wizard alive.
      const timer = setTimeout(task, ms).unref();
      return () => clearTimeout(timer);
    },
  ) {}

  /** The run in progress, if any: one sign-in window at a time keeps the user (and the IdP session) unambiguous. */
  active(): TestSigninRun<ValidationReport> | undefined {
    return [...this.runs.values()].find((entry) => entry.finishedAt === null)?.run;
  }

  start(request: StartRequest): TestSigninRun<ValidationReport> {
    this.prune();
    const runId = request.runId ?? randomUUID();
    const entry = { run: undefined as unknown as TestSigninRun<ValidationReport>, finishedAt: null as number | null };
    const startedAt = this.now().toISOString();
    entry.run = new TestSigninRun(runId, request.settings, {
      ...this.engine,
      openBrowser: this.openBrowser(),
      now: this.now,
      schedule: this.schedule,
      onFinished: async (result) => {
        entry.finishedAt = this.now().getTime();
        const record: SigninHistoryEntry = {
          runId,
          at: startedAt,
          profileName: request.profileName,
          initiation: result.initiation,
          idp: idpLabel(request.settings.idp),
          outcome: result.outcome,
          verdict: result.verdict,
          subject: result.subject,
          codes: result.codes,
          message: result.message,
        };
        await new SigninHistory(request.profileDir).append(record, result).catch((error: unknown) => {
          process.stderr.write(`[signin] could not record the run in the history: ${error instanceof Error ? error.message : String(error)}\n`);
        });
        if (result.report) {
          await writeLastSignin(request.profileDir, startedAt, result).catch((error: unknown) => {
            process.stderr.write(`[signin] could not keep the decoded response: ${error instanceof Error ? error.message : String(error)}\n`);
          });
        }
        await request.afterFinish?.(result);
      },
    });
    const run = entry.run;
    this.runs.set(runId, entry);
    return run;
  }

  get(runId: string): TestSigninRun<ValidationReport> | undefined {
    return this.runs.get(runId)?.run;
  }

  private prune(): void {
    const cutoff = this.now().getTime() - KEEP_FINISHED_MS;
    for (const [id, entry] of this.runs) if (entry.finishedAt !== null && entry.finishedAt < cutoff) this.runs.delete(id);
  }
}

function idpLabel(idp: IdpIdentity): string {
  if (idp.entityId) return idp.entityId;
  try {
    return new URL(idp.ssoUrl).host;
  } catch {
    return idp.ssoUrl;
  }
}
