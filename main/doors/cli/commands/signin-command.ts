import type { Output } from '../../../../shared/api/contract.js';
import { ssoError } from '../../../../shared/sso-errors/catalogue.js';
import { callCore, report, reportError } from '../call-core.js';
import { formatError } from '../cli-io.js';
import { cliFixTarget } from '../cli-words.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { resolveProfile } from '../profile-resolver.js';
import { UsageError } from '../usage-error.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

const USAGE = `Usage: sso-wizard signin [--idp-initiated [--url URL]] [--forward] [--timeout SECONDS] [--profile ID|NAME] [--json]
       sso-wizard signin --history [--csv] [--profile ID|NAME] [--json]

Step 5, the live test sign-in. Opens a sign-in window (Chromium, Google Chrome or Microsoft Edge with a
throw-away profile), sends you to the profile's identity provider, captures the SAML response on its way to
the site and checks it the way the site would. By default the response is NOT passed on to the site.

Options:
  --idp-initiated   Start at the IdP (AD FS: idpinitiatedsignon.aspx) instead of sending an AuthnRequest.
  --url URL         With --idp-initiated: the address to open (default: derived from the IdP's SSO URL).
  --forward         Also pass the response on to the site, to see the site's own answer.
  --timeout N       Give up after N seconds without a response, counted from when the sign-in window is ready
                    (default 300).
  --history         List the profile's earlier test sign-ins instead (--csv for a spreadsheet).
  --profile ID|NAME The site profile (default: the active one).
  --json            Print the result as JSON.

Exit codes: 0 the user would be signed in, 1 the site would refuse (or the run was cancelled, timed out, or
the IdP could not be reached), 2 bad usage, 3 environment (no browser to sign in with, or no display to show
its window). Ctrl+C cancels and closes the window.`;

/** How often the progress is read: the same rhythm as the wizard's page. */
const POLL_MS = 300;

type Result = NonNullable<Output<'signin.status'>['result']>;

function renderResult(result: Result): string {
  const lines = [result.verdict === 'would-sign-in' ? `OK: ${result.message}` : `FAILED: ${result.message}`, `  → ${result.hint}`];
  for (const finding of result.report?.findings ?? []) {
    const code = finding.ssoCode !== null ? ` (site error ${finding.ssoCode}: ${ssoError(finding.ssoCode)?.description ?? ''})` : '';
    lines.push(`${finding.severity === 'error' ? 'ERROR' : finding.severity === 'warning' ? 'WARNING' : 'NOTE'}${code}: ${finding.field}: ${finding.explanation}`);
    if (finding.expected !== null) lines.push(`  expected: ${finding.expected}`);
    if (finding.actual !== null) lines.push(`  actual:   ${finding.actual}`);
    if (finding.fixStep) lines.push(`  Fix with ${cliFixTarget(finding.fixStep)}.`);
  }
  for (const page of [result.errorPage, result.siteAfterForward]) {
    if (!page) continue;
    lines.push(`${page.source === 'idp' ? 'IdP' : 'Site'} page: ${page.url}${page.status !== null ? ` (HTTP ${page.status})` : ''}`);
    for (const code of page.codes) lines.push(`  site error ${code}: ${ssoError(code)?.description ?? ''}`);
    if (page.excerpt) lines.push(`  ${page.excerpt.slice(0, 300)}`);
  }
  return lines.join('\n');
}

async function history(context: CommandContext, profileId: string, csv: boolean): Promise<number> {
  if (csv) {
    const file = await callCore(context, 'signin.exportHistory', { profileId, format: 'csv' });
    return report(context, file, (value) => value.content.trimEnd());
  }
  const listed = await callCore(context, 'signin.history', { profileId });
  return report(context, listed, ({ entries }) =>
    entries.length === 0
      ? 'No test sign-in yet for this profile. Run: sso-wizard signin'
      : entries.map((e) => `${formatDateTime(e.at)}  ${e.initiation === 'sp' ? 'SP ' : 'IdP'}  ${e.verdict ?? e.outcome}${e.subject ? ` (${e.subject})` : ''}${e.codes.length > 0 ? `  codes ${e.codes.join(', ')}` : ''}  ${e.idp}`).join('\n'),
  );
}

export const signinCommand: Command = {
  name: 'signin',
  summary: 'Sign in once at the real IdP and check the SAML response the site would get (step 5).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(
      context.args,
      { 'idp-initiated': { type: 'boolean' }, url: { type: 'string' }, forward: { type: 'boolean' }, timeout: { type: 'string' }, history: { type: 'boolean' }, csv: { type: 'boolean' }, profile: { type: 'string' } },
      USAGE,
    );
    if (values.url !== undefined && !values['idp-initiated']) throw new UsageError('--url names where an IdP-initiated sign-in starts: add --idp-initiated.', USAGE);
    if (values.csv && !values.history) throw new UsageError('--csv goes with --history.', USAGE);
    const timeout = values.timeout === undefined ? 300 : Number(values.timeout);
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600) throw new UsageError(`--timeout must be a whole number of seconds from 1 to 3600, not "${values.timeout}".`, USAGE);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    if (values.history) return history(context, profile.value.id, values.csv ?? false);

    const started = await callCore(context, 'signin.start', {
      profileId: profile.value.id,
      initiation: values['idp-initiated'] ? 'idp' : 'sp',
      forwardToSite: values.forward ?? false,
      timeoutSeconds: timeout,
      ...(values.url !== undefined ? { idpInitiatedUrl: values.url } : {}),
    });
    if (!started.ok) return reportError(context, started);
    const { runId } = started.value;
    // Ctrl+C cancels the run, which closes the sign-in window, instead of leaving it open.
    const cancel = () => void callCore(context, 'signin.cancel', { runId });
    process.on('SIGINT', cancel); // on, not once: see serve-command.ts (signal-exit)
    try {
      let after = 0;
      for (;;) {
        const status = await callCore(context, 'signin.status', { runId, after });
        if (!status.ok) {
          context.io.err(formatError(status.error));
          return exitCodeFor(status.error.code);
        }
        for (const event of status.value.events) {
          after = event.seq;
          if (!context.json && event.kind !== 'finished') context.io.out(event.message);
        }
        const result = status.value.result;
        if (result) {
          const code = report(context, { ok: true, value: result }, renderResult);
          // No browser or no display to show the window in: the environment, as for any command (exit 3).
          if (result.outcome === 'browser-unavailable') return EXIT.environment;
          return code === EXIT.ok && result.verdict !== 'would-sign-in' ? EXIT.failed : code;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      process.off('SIGINT', cancel);
    }
  },
};
