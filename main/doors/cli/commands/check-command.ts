import { promises as fs } from 'node:fs';
import type { HealthRun, HealthSeverity } from '../../../../shared/api/health-schemas.js';
import { appError } from '../../../../shared/app-errors.js';
import { ok } from '../../../../shared/result.js';
import { callCore, reportError } from '../call-core.js';
import { fileProblem } from '../file-problem.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { resolveProfile } from '../profile-resolver.js';
import { UsageError } from '../usage-error.js';
import { cliFixTarget } from '../cli-words.js';

const USAGE = `Usage: sso-wizard check [--profile ID|NAME | --all] [--fail-on warning|error] [--connect-to HOST:PORT ...]
                         [--save-nodes] [--site-idp-cert FILE] [--json]

The SSO health check: what will break sign-in before users meet it. For the profile (or every profile):
  served-certificate  the certificate each node serves (TLS with the site's name): compared with step 2's
                      certificate (SHA-256); host name, complete chain, order
  idp-signing         the IdP metadata read again (from its URL when imported by URL): every signing
                      certificate, a new or second one with the date it likely takes over (AD FS rollover),
                      compared with the IdP certificate the site trusts; bad metadata is an error
  clock               the HTTP Date of the site and the IdP, and the last response's IssueInstant (code 19)
  expiry              site, IdP signing and SP encryption certificates: warning at 60 and 30 days, error at 7
  drift               every difference from the last good state (kept after a test sign-in that signs in)
Network access goes only to the site host (or the nodes) and the IdP metadata URL.

Options:
  --profile ID|NAME        The site profile (default: the active one).
  --all                    Check every profile.
  --fail-on warning|error  Exit 1 when a finding is at least this severe (default: warning).
  --connect-to HOST:PORT   Check this node under the site's name (repeatable, like curl's --connect-to);
                           default: the profile's node list, else the site host and the site URL's port.
  --save-nodes             Keep the --connect-to nodes as the profile's node list.
  --site-idp-cert FILE     The IdP certificate the site holds (.cer), instead of the one saved for the site.
  --json                   Print the result as JSON (below).

Each line: OK / WARNING / ERROR, the check, what was checked, the fact; then "act by" (a date), "fix" and
"where" (the command, and the wizard step or panel, that makes the fix).

--json prints {"ok":true,"value":{"failOn":"warning","exitCode":N,"runs":[RUN, ...]}}, where RUN is
  {"profileId","profileName","siteUrl","ranAt" (ISO 8601),"durationMs","worst":"ok|warning|error",
   "counts":{"ok","warning","error"},"nodes":["HOST:PORT"],"newSinceLastRun":[ID],
   "findings":[{"id","check":"served-certificate|idp-signing|clock|expiry|drift","severity":"ok|warning|error",
                "subject","fact","actBy" (ISO 8601 or null),"fix" (or null),
                "fixTarget":"csr|import|adfs|attributes|test|idp-certificate" (or null),"ssoErrorCodes":[N]}]}
Fields are only ever added. An error is {"ok":false,"error":{"code","message","hint"}}.

Exit codes: 0 every check passes (below --fail-on), 1 something needs action, 2 bad usage,
3 the data folder cannot be used.
Run it daily: cron, a systemd timer or Windows Task Scheduler (see README).`;

const LABEL: Record<HealthSeverity, string> = { ok: 'OK     ', warning: 'WARNING', error: 'ERROR  ' };

function render(run: HealthRun): string {
  const lines = [`${run.profileName} (${run.siteUrl}), checked ${run.ranAt.slice(0, 19).replace('T', ' ')} UTC: ${run.counts.error} error(s), ${run.counts.warning} warning(s), ${run.counts.ok} ok.`];
  for (const f of run.findings) {
    lines.push(`${LABEL[f.severity]} ${f.check.padEnd(18)} ${f.subject}: ${f.fact}${f.ssoErrorCodes.length ? ` [site error ${f.ssoErrorCodes.join('/')}]` : ''}`);
    if (f.severity === 'ok') continue;
    if (f.actBy) lines.push(`        act by: ${f.actBy.slice(0, 10)}`);
    if (f.fix) lines.push(`        fix:    ${f.fix}`);
    if (f.fixTarget) lines.push(`        where:  ${cliFixTarget(f.fixTarget)}`);
  }
  if (run.newSinceLastRun.length) lines.push(`New since the last check: ${run.newSinceLastRun.length} finding(s).`);
  return lines.join('\n');
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Health check: served certificate, IdP rollover, clocks, expiry, drift since the last good state (for cron).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(
      context.args,
      { profile: { type: 'string' }, all: { type: 'boolean' }, 'fail-on': { type: 'string' }, 'connect-to': { type: 'string', multiple: true }, 'save-nodes': { type: 'boolean' }, 'site-idp-cert': { type: 'string' } },
      USAGE,
    );
    const failOn = values['fail-on'] ?? 'warning';
    if (failOn !== 'warning' && failOn !== 'error') throw new UsageError(`--fail-on takes "warning" or "error", not "${failOn}".`, USAGE);
    if (values.all && values.profile !== undefined) throw new UsageError('Use either --profile or --all.', USAGE);
    const connectTo = values['connect-to'];
    if (values.all && connectTo) throw new UsageError('--connect-to names nodes of one site: use it with one profile, not --all.', USAGE);
    if (values['save-nodes'] && !connectTo) throw new UsageError('--save-nodes keeps the --connect-to nodes: give at least one.', USAGE);

    let siteIdpCertificatePem: string | undefined;
    if (values['site-idp-cert'] !== undefined) {
      try {
        const bytes = await fs.readFile(values['site-idp-cert']);
        siteIdpCertificatePem = bytes.includes('-----BEGIN') ? bytes.toString('utf8') : `-----BEGIN CERTIFICATE-----\n${bytes.toString('base64')}\n-----END CERTIFICATE-----\n`;
      } catch (error) {
        return reportError(context, appError('invalid-input', { message: `Cannot read ${values['site-idp-cert']}: ${fileProblem(error)}.`, hint: 'Give the path of the IdP certificate file the site holds (.cer).', field: 'site-idp-cert' }));
      }
    }

    let profileIds: string[];
    if (values.all) {
      const listing = await callCore(context, 'profile.list', {});
      if (!listing.ok) return reportError(context, listing);
      profileIds = listing.value.profiles.map((p) => p.id);
      if (profileIds.length === 0) return reportError(context, appError('not-found', { message: 'There are no profiles to check.', hint: 'Create one: sso-wizard profile add --name "Production" --site-url https://meet.example.com', field: 'all' }));
    } else {
      const profile = await resolveProfile(context, values.profile);
      if (!profile.ok) return reportError(context, profile);
      profileIds = [profile.value.id];
    }

    if (values['save-nodes'] && connectTo) {
      const saved = await callCore(context, 'health.setNodes', { profileId: profileIds[0] ?? '', nodes: connectTo });
      if (!saved.ok) return reportError(context, saved);
    }

    const runs: HealthRun[] = [];
    for (const profileId of profileIds) {
      const run = await callCore(context, 'health.run', { profileId, ...(connectTo ? { connectTo } : {}), ...(siteIdpCertificatePem !== undefined ? { siteIdpCertificatePem } : {}) });
      if (!run.ok) return reportError(context, run);
      runs.push(run.value);
    }
    const needsAction = runs.some((run) => run.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning')));
    const exitCode = needsAction ? EXIT.failed : EXIT.ok;
    if (context.json) context.io.out(JSON.stringify(ok({ failOn, exitCode, runs }), null, 2));
    else context.io.out(runs.map(render).join('\n\n'));
    return exitCode;
  },
};
