import { appError } from '../../../shared/app-errors.js';
import { ok } from '../../../shared/result.js';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import type { SigninStatus } from '../../../shared/signin/signin-schemas.js';
import { defaultIdpInitiatedUrl } from '../../domains/signin/idp-initiated-url.js';
import { readLastSignin } from '../../domains/signin/last-signin-store.js';
import { historyToCsv, MAX_KEPT_RESULTS, SigninHistory } from '../../domains/signin/signin-history.js';
import { SigninService } from '../../domains/signin/signin-service.js';
import { loadIdpIdentity, samlSigninEngine } from '../core/signin-engine.js';
import type { CoreContext } from '../core/core-context.js';
import type { TestSigninRun } from '../../domains/signin/test-signin-runner.js';
import { siteDecryptionKey } from '../core/check-response.js';
import { findProfile } from '../core/find-profile.js';
import { keepGoodStateAfterSignin } from '../health/keep-good-state.js';
import type { Handlers } from '../core/dispatcher.js';
import { recordStepResult } from '../core/step-progress.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { hostFileName } from '../../platform/host-file-name.js';

type SigninChannel = 'signin.readiness' | 'signin.start' | 'signin.status' | 'signin.cancel' | 'signin.history' | 'signin.result' | 'signin.exportHistory';

function status(run: TestSigninRun<ValidationReport>, after: number): SigninStatus {
  return { runId: run.id, state: run.state, events: run.eventsAfter(after), result: run.result };
}

/**
 * The test sign-ins of each core (runs are polled across requests), made on the core's first sign-in call, so a
 * core that never signs in (a CLI `decode`) does not load the sign-in engine.
 */
const services = new WeakMap<CoreContext, SigninService>();
function signinOf(context: CoreContext): SigninService {
  let service = services.get(context);
  if (!service) {
    const { outside } = context;
    service = new SigninService(samlSigninEngine(outside.runParser), context.now, () => outside.signinBrowser.open);
    services.set(context, service);
  }
  return service;
}

function noRun(runId: string) {
  return appError('not-found', { message: `No test sign-in has the run ID ${runId}.`, hint: 'Runs are kept for 15 minutes after they finish; press Test sign-in to start a new one.', field: 'runId' });
}

export const signinHandlers: Pick<Handlers, SigninChannel> = {
  'signin.readiness': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const lookup = await loadIdpIdentity(context.dataDir, profile.value.id);
    return ok({
      browser: context.outside.signinBrowser.readiness(),
      idp: lookup.ok
        ? { configured: true, entityId: lookup.idp.entityId, ssoUrl: lookup.idp.ssoUrl, message: `Signs in at ${lookup.idp.ssoUrl}.` }
        : { configured: false, entityId: null, ssoUrl: null, message: `${lookup.message} ${lookup.hint}` },
      defaultIdpInitiatedUrl: lookup.ok ? defaultIdpInitiatedUrl(lookup.idp.ssoUrl, profile.value.spEntityId) : null,
    });
  },

  'signin.start': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const lookup = await loadIdpIdentity(context.dataDir, profile.value.id);
    if (!lookup.ok) return appError('invalid-input', { message: lookup.message, hint: lookup.hint, field: 'profileId' });
    const idp = lookup.idp;
    const service = signinOf(context);
    const running = service.active();
    if (running) {
      return appError('conflict', { message: 'A test sign-in is already running.', hint: 'Finish or cancel it first; one sign-in window at a time.', field: 'profileId' });
    }
    const run = service.start({
      runId: context.newId(),
      profileName: profile.value.name,
      profileDir: profileDataDir(context.dataDir, profile.value.id),
      settings: {
        sp: { siteUrl: profile.value.siteUrl, spEntityId: profile.value.spEntityId, acsUrl: profile.value.acsUrl },
        idp,
        initiation: input.initiation,
        ...(input.idpInitiatedUrl ? { idpInitiatedUrl: input.idpInitiatedUrl } : {}),
        forwardToSite: input.forwardToSite,
        timeoutMs: input.timeoutSeconds * 1000,
        loadDecryptionKey: siteDecryptionKey(context, profile.value.id),
      },
      // Step 5 is done while the latest live sign-in would succeed.
      afterFinish: async (result) => {
        await recordStepResult(context.state, profile.value.id, 'test', result.verdict === 'would-sign-in', context.now());
        if (result.verdict === 'would-sign-in') await keepGoodStateAfterSignin(context, profile.value.id, result.report);
      },
    });
    return ok({ runId: run.id });
  },

  'signin.status': async (input, context) => {
    const run = signinOf(context).get(input.runId);
    return run ? ok(status(run, input.after)) : noRun(input.runId);
  },

  'signin.cancel': async (input, context) => {
    const run = signinOf(context).get(input.runId);
    if (!run) return noRun(input.runId);
    run.cancel();
    await run.done;
    return ok(status(run, 0));
  },

  'signin.history': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const profileDir = profileDataDir(context.dataDir, profile.value.id);
    const rows = await new SigninHistory(profileDir).rows();
    // Runs recorded before the history kept results: the newest one can still open from the last-run file.
    const newest = rows[0];
    if (newest && !newest.resultKept && (await readLastSignin(profileDir))?.at === newest.at) newest.resultKept = true;
    return ok({ entries: rows });
  },

  'signin.result': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const profileDir = profileDataDir(context.dataDir, profile.value.id);
    const history = new SigninHistory(profileDir);
    const stored = await history.result(input.runId);
    if (stored) return ok(stored);
    const entry = (await history.read()).find((candidate) => candidate.runId === input.runId);
    const last = entry ? await readLastSignin(profileDir) : null;
    if (entry && last?.at === entry.at) return ok({ entry, result: last.result });
    return appError('not-found', {
      message: entry
        ? `The test sign-in of ${entry.at} is too old to open: only the newest ${MAX_KEPT_RESULTS} runs keep their full result.`
        : `This profile's history has no test sign-in with the run ID ${input.runId}.`,
      hint: 'Press Test sign-in to run it again and see the full result.',
      field: 'runId',
    });
  },

  'signin.exportHistory': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const entries = await new SigninHistory(profileDataDir(context.dataDir, profile.value.id)).read();
    const base = `signin-history-${hostFileName(profile.value.host)}`;
    return ok(
      input.format === 'csv'
        ? { fileName: `${base}.csv`, mimeType: 'text/csv', content: historyToCsv(entries) }
        : { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify({ profile: profile.value.name, site: profile.value.siteUrl, entries }, null, 2)}\n` },
    );
  },
};
